package io.kb4sync.server;

import java.util.Optional;

/** API tokens: who a bearer token belongs to. Implementations compare hashes in constant time. */
public interface Tokens {
  /** The caller this token belongs to; empty for an unknown, revoked or expired token. */
  Optional<Caller> authenticate(String bearerToken);
}
