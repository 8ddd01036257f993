package io.kb4sync.app.service;

import io.kb4sync.app.signin.DashboardSignIn;
import io.kb4sync.app.tokens.StoreTokens;
import io.kb4sync.server.ApiServer;
import io.kb4sync.server.ServiceMetrics;
import java.time.Clock;

/**
 * Service mode's HTTP face as {@code serve} starts and stops it: the API server over the book, with
 * the dashboard's sign-in beside it.
 */
public interface ServiceHttp {
  /**
   * Listens on {@code bind}:{@code port} (0: a free port).
   *
   * @return the port it listens on
   * @throws RuntimeException when it cannot bind
   */
  int start(String bind, int port);

  void stop();

  /** Builds the HTTP face of a started service. */
  interface Factory {
    ServiceHttp create(Service service, ServiceMetrics metrics, Clock clock);
  }

  /** The API server ({@code kb4sync-server}) with the tokens of the service's state store. */
  static ServiceHttp api(Service service, ServiceMetrics metrics, Clock clock) {
    ApiServer server =
        new ApiServer(service.book(), new StoreTokens(service.stateStore(), clock), metrics)
            .with(DashboardSignIn.over(service.stateStore(), service.config().server(), clock));
    return new ServiceHttp() {
      @Override
      public int start(String bind, int port) {
        return server.start(bind, port);
      }

      @Override
      public void stop() {
        server.stop();
      }
    };
  }
}
