package io.kb4sync.app.service;

import io.kb4sync.app.dashboard.MemoryAdminLog;
import io.kb4sync.app.dashboard.MemoryPeople;
import io.kb4sync.app.dashboard.MemorySessions;
import io.kb4sync.app.tokens.StoreTokens;
import io.kb4sync.server.ApiServer;
import io.kb4sync.server.ServiceMetrics;
import io.kb4sync.server.web.AdminLog;
import io.kb4sync.server.web.Dashboard;
import io.kb4sync.server.web.LocalSignIn;
import io.kb4sync.server.web.People;
import io.kb4sync.server.web.Sessions;
import java.time.Clock;

/** Service mode's HTTP face as {@code serve} starts and stops it: the API server over the book. */
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

  /**
   * The API server ({@code kb4sync-server}) with the tokens of the service's state store, and the
   * dashboard with accounts, sessions and admin log kept in memory (interim: nobody can sign in to
   * it until accounts are kept in the state store).
   */
  static ServiceHttp api(Service service, ServiceMetrics metrics, Clock clock) {
    MemorySessions sessions = new MemorySessions();
    return withDashboard(
        service, metrics, clock, new MemoryPeople(clock, sessions), sessions, new MemoryAdminLog());
  }

  /** The API server and the dashboard over these accounts, sessions and admin log. */
  static ServiceHttp withDashboard(
      Service service,
      ServiceMetrics metrics,
      Clock clock,
      People people,
      Sessions sessions,
      AdminLog log) {
    Dashboard dashboard =
        new Dashboard(
            service.book(), new LocalSignIn(people, sessions, log, clock), people, log, clock);
    ApiServer server =
        new ApiServer(service.book(), new StoreTokens(service.stateStore(), clock), metrics)
            .with(dashboard::routes);
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
