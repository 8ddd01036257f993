package io.kb4sync.app.signin;

import io.javalin.config.JavalinConfig;
import io.kb4sync.app.config.ServerSettings;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.server.web.WebSecurity;
import java.time.Clock;
import java.util.function.Consumer;

/** The dashboard's sign-in as {@code serve} installs it: {@link WebSecurity} over the store. */
public final class DashboardSignIn {
  private DashboardSignIn() {}

  /** The sign-in over this store with this {@code server} section, ready to install. */
  public static Consumer<JavalinConfig> over(StateStore store, ServerSettings server, Clock clock) {
    WebSecurity web =
        new WebSecurity(
            new StorePeople(store, clock),
            new StoreSessions(store, server.effectiveSessionIdle(), server.effectiveSessionMax()),
            new StoreAdminLog(store),
            server.web(),
            clock,
            new SenderOidcHttp());
    return web::install;
  }
}
