package io.kb4sync.app.service;

import io.kb4sync.app.signin.DashboardSignIn;
import io.kb4sync.app.signin.StoreAdminLog;
import io.kb4sync.app.signin.StorePeople;
import io.kb4sync.app.tokens.StoreApiTokens;
import io.kb4sync.app.tokens.StoreTokens;
import io.kb4sync.server.ApiServer;
import io.kb4sync.server.ServiceMetrics;
import io.kb4sync.server.web.AdminLog;
import io.kb4sync.server.web.Dashboard;
import io.kb4sync.server.web.People;
import io.kb4sync.server.web.Sessions;
import io.kb4sync.server.web.WebSecurity;
import java.time.Clock;

/**
 * Service mode's HTTP face as {@code serve} starts and stops it: the API server over the book, with
 * the dashboard's sign-in and pages beside it.
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

  /**
   * The API server ({@code kb4sync-server}) with the tokens of the service's state store, and the
   * dashboard with its accounts, sessions and admin log in the same store.
   */
  static ServiceHttp api(Service service, ServiceMetrics metrics, Clock clock) {
    return withDashboard(
        service,
        metrics,
        clock,
        new StorePeople(service.stateStore(), clock),
        DashboardSignIn.sessions(service.stateStore(), service.config().server()),
        new StoreAdminLog(service.stateStore()));
  }

  /** The API server, the sign-in and the pages over these accounts, sessions and admin log. */
  static ServiceHttp withDashboard(
      Service service,
      ServiceMetrics metrics,
      Clock clock,
      People people,
      Sessions sessions,
      AdminLog log) {
    Dashboard dashboard =
        new Dashboard(service.book(), people, new StoreApiTokens(service.stateStore()), log, clock);
    WebSecurity web =
        DashboardSignIn.web(people, sessions, log, service.config().server(), clock)
            .loginForm(dashboard.loginForm());
    ApiServer server =
        new ApiServer(service.book(), new StoreTokens(service.stateStore(), clock), metrics)
            .with(web::install)
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
