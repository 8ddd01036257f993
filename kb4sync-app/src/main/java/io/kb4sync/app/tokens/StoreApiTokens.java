package io.kb4sync.app.tokens;

import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TokenRecord;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.ApiTokens;
import java.util.Comparator;
import java.util.List;

/**
 * The API tokens of the state store for the dashboard's admin page, as {@code token list|revoke}.
 */
public final class StoreApiTokens implements ApiTokens {
  private final StateStore store;

  public StoreApiTokens(StateStore store) {
    this.store = store;
  }

  @Override
  public List<Token> list() {
    return store.tokens().stream()
        .sorted(Comparator.comparing(TokenRecord::name))
        .map(
            t ->
                new Token(
                    t.name(),
                    Role.fromId(t.role()).orElse(Role.VIEWER),
                    t.created(),
                    t.expires(),
                    t.lastUsed()))
        .toList();
  }

  @Override
  public boolean revoke(String name) {
    return store.revokeToken(name);
  }
}
