package io.kb4sync.app.signin;

import io.javalin.config.JavalinConfig;
import io.kb4sync.app.config.ServerSettings;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.server.web.AdminLog;
import io.kb4sync.server.web.People;
import io.kb4sync.server.web.Sessions;
import io.kb4sync.server.web.WebSecurity;
import java.time.Clock;
import java.util.function.Consumer;

/** The dashboard's sign-in as {@code serve} installs it: {@link WebSecurity} over the store. */
public final class DashboardSignIn {
  private DashboardSignIn() {}

  /** The sign-in over this store with this {@code server} section, ready to install. */
  public static Consumer<JavalinConfig> over(StateStore store, ServerSettings server, Clock clock) {
    return web(
            new StorePeople(store, clock),
            sessions(store, server),
            new StoreAdminLog(store),
            server,
            clock)
        ::install;
  }

  /** The sessions of the store with the {@code server} section's timeouts. */
  public static StoreSessions sessions(StateStore store, ServerSettings server) {
    return new StoreSessions(store, server.effectiveSessionIdle(), server.effectiveSessionMax());
  }

  /** The sign-in over these ports (the pages share them), with Entra ID when configured. */
  public static WebSecurity web(
      People people, Sessions sessions, AdminLog log, ServerSettings server, Clock clock) {
    return new WebSecurity(people, sessions, log, server.web(), clock, new SenderOidcHttp());
  }
}
