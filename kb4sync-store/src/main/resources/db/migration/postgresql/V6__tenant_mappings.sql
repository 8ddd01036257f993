-- A company's Microsoft 365 tenant stored by kb4sync companies map (docs/onboarding.md): used when
-- the configuration gives the company no m365.tenant_id. Keep in step with the other database's V6.
-- (V4 and V5 are taken by work in progress on other branches.)

CREATE TABLE tenant_mappings (
  company_id   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  tenant_id    TEXT   NOT NULL,
  mapped_at_ms BIGINT NOT NULL
);
