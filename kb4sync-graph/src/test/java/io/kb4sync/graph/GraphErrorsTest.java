package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.remote.RemoteException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class GraphErrorsTest {
  static final URI USERS = URI.create("https://graph.microsoft.com/v1.0/users");

  @Test
  void a_connection_failure_without_a_message_is_described_by_its_type_and_cause() {
    // java.net.http's ConnectException often carries no message, only a cause.
    ConnectException refused = new ConnectException();
    refused.initCause(new ClosedChannelException());

    RemoteException e =
        GraphErrors.unreachable(GraphErrors.GRAPH, "acme.example", "GET", USERS, refused);

    assertThat(e.getMessage())
        .isEqualTo(
            "Microsoft Graph could not be reached for tenant acme.example (GET "
                + USERS
                + "): ConnectException (caused by ClosedChannelException) - gave up after retries");
  }

  @Test
  void a_connection_failure_with_a_message_names_its_type_and_quotes_the_message() {
    RemoteException e =
        GraphErrors.unreachable(
            GraphErrors.GRAPH,
            "acme.example",
            "GET",
            USERS,
            new ConnectException("Connection refused"));

    assertThat(e.getMessage()).contains("): ConnectException Connection refused - gave up");
  }
}
