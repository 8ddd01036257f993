-- API tokens of service mode (docs/api.md). Keep in step with ../postgresql/V3__api_tokens.sql.
-- Only the SHA-256 of a token is stored (sha256: 64 lowercase hex digits); the token itself is
-- shown once, when it is made. A revoked token's row is deleted.

CREATE TABLE api_tokens (
  name            TEXT   NOT NULL PRIMARY KEY,
  role            TEXT   NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  sha256          TEXT   NOT NULL UNIQUE,
  created_at_ms   BIGINT NOT NULL,
  expires_at_ms   BIGINT,
  last_used_at_ms BIGINT
);
