package io.kb4sync.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class CausesTest {

  @Test
  void an_exception_with_a_message_is_described_by_its_message_on_one_line() {
    assertThat(Causes.describe(new ConnectException("Connection refused\n  at port 1")))
        .isEqualTo("Connection refused at port 1");
  }

  @Test
  void an_exception_without_a_message_is_described_by_its_type_and_its_cause_never_null() {
    ConnectException refused = new ConnectException();
    refused.initCause(new ClosedChannelException());

    assertThat(Causes.describe(refused))
        .isEqualTo("ConnectException (caused by ClosedChannelException)")
        .doesNotContain("null");
  }

  @Test
  void a_cause_with_a_message_is_quoted_after_its_type() {
    assertThat(Causes.describe(new IOException(null, new IOException("Connection reset"))))
        .isEqualTo("IOException (caused by IOException: Connection reset)");
  }

  @Test
  void an_exception_without_message_or_cause_is_its_type() {
    assertThat(Causes.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
  }

  @Test
  void with_type_names_the_type_before_the_message_or_alone() {
    assertThat(Causes.withType(new IllegalStateException("closed")))
        .isEqualTo("IllegalStateException: closed");
    assertThat(Causes.withType(new NullPointerException())).isEqualTo("NullPointerException");
  }
}
