package io.kb4sync.app.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kb4sync configuration file pointing at simulated companies. Secrets are {@code ${env:...}}
 * references only; the values travel in the child process's environment ({@link World#env()}).
 */
final class Config {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final List<Object> companies = new ArrayList<>();

  private Config() {
    root.put("state", "sqlite:./state/kb4sync-state.db");
    root.put("companies", companies);
  }

  static Config create() {
    return new Config();
  }

  /** Adds a company and returns its section for further settings. */
  Company company(String companyId, World world) {
    Company company = new Company(companyId, world);
    companies.add(company.map);
    return company;
  }

  /** The state store's location, e.g. a PostgreSQL URL. */
  Config state(String location) {
    root.put("state", location);
    return this;
  }

  /** Sets a top-level key, e.g. {@code server}, {@code defaults}, {@code notifications}. */
  Config set(String key, Object value) {
    root.put(key, value);
    return this;
  }

  Config parallelCompanies(int count) {
    root.put("parallel_companies", count);
    return this;
  }

  /** Writes the file {@code kb4sync.yaml} into {@code folder} and returns its path. */
  Path writeTo(Path folder) {
    try {
      Files.createDirectories(folder);
      Path file = folder.resolve("kb4sync.yaml");
      Files.writeString(file, YAML.writeValueAsString(root));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One company's section. */
  static final class Company {
    final Map<String, Object> map = new LinkedHashMap<>();
    final Map<String, Object> m365 = new LinkedHashMap<>();
    final Map<String, Object> knowbe4 = new LinkedHashMap<>();
    final Map<String, Object> variables = new LinkedHashMap<>();

    private Company(String companyId, World world) {
      String env = world.envPrefix();
      map.put("company_id", companyId);
      map.put("name", world.name + " Ltd");
      m365.put("tenant_id", world.tenant.name());
      m365.put("client_id", world.tenant.clientId());
      m365.put("client_secret", "${env:" + env + "_M365_SECRET}");
      m365.put("graph_url", world.graph.baseUri().toString());
      m365.put("login_url", world.graph.baseUri().toString());
      map.put("m365", m365);
      knowbe4.put("scim_url", world.knowbe4.scimUrl().toString());
      knowbe4.put("scim_token", "${env:" + env + "_KB4_SCIM_TOKEN}");
      map.put("knowbe4", knowbe4);
      variables.put("knowbe4_sync_license_filter", List.of(World.E3));
      variables.put("knowbe4_default_group", World.DEFAULT_GROUP);
      variables.put(
          "knowbe4_department_group_mapping",
          Map.of("Sales", "Sales Team", "Engineering", "Engineering Team"));
      variables.put("knowbe4_remove_stale_users", true);
      map.put("variables", variables);
    }

    /** Reads KnowBe4 through the Reporting API too (the key is configured). */
    Company reporting(World world) {
      knowbe4.put("reporting_url", world.knowbe4.reportingUrl().toString());
      knowbe4.put("reporting_api_key", "${env:" + world.envPrefix() + "_KB4_REPORTING_KEY}");
      return this;
    }

    Company writeConcurrency(int writes) {
      knowbe4.put("write_concurrency", writes);
      return this;
    }

    Company variable(String key, Object value) {
      variables.put(key, value);
      return this;
    }

    Company m365(String key, Object value) {
      m365.put(key, value);
      return this;
    }

    Company knowbe4(String key, Object value) {
      knowbe4.put(key, value);
      return this;
    }
  }
}
