package io.kb4sync.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kb4sync.app.NoTicketMemory;
import io.kb4sync.http.Loopback;
import io.kb4sync.notify.NotificationSettings;
import io.kb4sync.notify.NotifierFactory;
import io.kb4sync.psa.PsaSettings;
import io.kb4sync.psa.TicketingFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates the YAML configuration. Every problem is one line naming the file, the key
 * path and what is wrong; unknown keys are errors with the nearest valid key suggested.
 */
public final class ConfigLoader {
  static final List<String> ROOT_KEYS =
      List.of(
          "state",
          "defaults",
          "companies",
          "parallel_companies",
          "history_days",
          "notifications",
          "psa",
          "server");
  static final List<String> COMPANY_KEYS =
      List.of("company_id", "name", "m365", "knowbe4", "variables", "schedule");
  static final List<String> M365_KEYS =
      List.of(
          "tenant_id",
          "client_id",
          "client_secret",
          "certificate_path",
          "certificate_password",
          "cloud",
          "graph_url",
          "login_url");
  static final List<String> KNOWBE4_KEYS =
      List.of(
          "region",
          "scim_url",
          "scim_token",
          "reporting_url",
          "reporting_api_key",
          "write_concurrency");
  static final List<String> CLOUDS = List.of("global", "usgov", "usgov-dod", "china");
  static final List<String> REGIONS = List.of("us", "eu", "ca", "uk", "de");
  public static final int DEFAULT_WRITE_CONCURRENCY = 8;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigLoader() {}

  public static Config load(Path file) {
    return load(file, System.getenv()::get);
  }

  public static Config load(Path file, Function<String, String> environment) {
    ConfigFile source = new ConfigFile(file, environment);
    JsonNode tree;
    try {
      tree = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such configuration file");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new ConfigException(
          file
              + ": "
              + (line > 0 ? "line " + line + ": " : "")
              + "not valid YAML: "
              + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the file: " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ConfigException(file + ": the file is empty; it needs at least `companies:`");
    }
    ConfigNode root = new ConfigNode(tree, "", source);
    root.onlyKeys(ROOT_KEYS);

    String state = root.string("state");
    ConfigNode defaults = root.child("defaults").onlyKeys(List.of("variables", "schedule"));
    ScheduleConfig defaultSchedule = ScheduleConfig.read(defaults.child("schedule"));
    ServerSettings server = ServerSettings.read(root.child("server"));
    Variables defaultVariables =
        defaults.child("variables").isMissing()
            ? Variables.none()
            : Variables.read(defaults.child("variables"));
    Integer parallel = root.integer("parallel_companies", 1, 64);
    Integer historyDays = root.integer("history_days", 1, Config.MAX_HISTORY_DAYS);

    List<ConfigNode> companyNodes = root.list("companies");
    if (companyNodes.isEmpty()) {
      throw root.problem("companies", "is required: list at least one company");
    }
    List<CompanyConfig> companies = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode node : companyNodes) {
      CompanyConfig company = company(node, source);
      try {
        company.schedule().over(defaultSchedule).syncSchedule(company.companyId());
        company.schedule().over(defaultSchedule).auditSchedule(company.companyId());
      } catch (IllegalArgumentException e) {
        throw node.problem("schedule", e.getMessage());
      }
      if (!ids.add(company.companyId())) {
        throw node.problem(
            "company_id", "\"" + company.companyId() + "\" is used by two companies");
      }
      companies.add(company);
    }
    return new Config(
        file,
        state,
        defaultVariables,
        companies,
        parallel == null ? Config.DEFAULT_PARALLEL_COMPANIES : parallel,
        notifications(tree.get("notifications"), source),
        psa(tree.get("psa"), source),
        historyDays == null ? Config.DEFAULT_HISTORY_DAYS : historyDays,
        defaultSchedule,
        server);
  }

  private static NotificationSettings notifications(JsonNode section, ConfigFile source) {
    NotificationSettings settings =
        SectionBinder.bind(section, "notifications", NotificationSettings.class, source);
    if (settings != null) {
      try {
        NotifierFactory.channels(settings); // validates every channel; nothing is sent
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source.name() + ": " + e.getMessage());
      }
    }
    return settings;
  }

  private static PsaSettings psa(JsonNode section, ConfigFile source) {
    PsaSettings settings = SectionBinder.bind(section, "psa", PsaSettings.class, source);
    if (settings != null) {
      try {
        TicketingFactory.create(
            settings,
            NoTicketMemory.INSTANCE,
            java.time.Clock.systemUTC()); // validates; nothing is sent
      } catch (IllegalArgumentException e) {
        throw new ConfigException(source.name() + ": " + e.getMessage());
      }
    }
    return settings;
  }

  private static CompanyConfig company(ConfigNode node, ConfigFile source) {
    node.onlyKeys(COMPANY_KEYS);
    String id = node.requiredString("company_id").trim();
    ConfigNode m365 = node.child("m365").onlyKeys(M365_KEYS);
    if (m365.isMissing()) {
      throw node.problem("m365", "is required");
    }
    String secret = m365.string("client_secret");
    String certificate = m365.string("certificate_path");
    if ((secret == null) == (certificate == null)) {
      throw m365.problem("set exactly one of client_secret and certificate_path");
    }
    String cloud = m365.choice("cloud", CLOUDS);
    M365Config m365Config =
        new M365Config(
            m365.requiredString("tenant_id").trim(),
            m365.requiredString("client_id").trim(),
            secret,
            certificate == null ? null : source.resolve(certificate),
            m365.string("certificate_password"),
            cloud == null ? "global" : cloud,
            url(m365, "graph_url", false),
            url(m365, "login_url", false));

    ConfigNode kb4 = node.child("knowbe4").onlyKeys(KNOWBE4_KEYS);
    if (kb4.isMissing()) {
      throw node.problem("knowbe4", "is required");
    }
    String region = kb4.choice("region", REGIONS);
    Integer concurrency = kb4.integer("write_concurrency", 1, 32);
    KnowBe4Config knowbe4 =
        new KnowBe4Config(
            region == null ? "us" : region,
            url(kb4, "scim_url", true),
            kb4.requiredString("scim_token"),
            url(kb4, "reporting_url", false),
            kb4.string("reporting_api_key"),
            concurrency == null ? DEFAULT_WRITE_CONCURRENCY : concurrency);
    Variables variables =
        node.child("variables").isMissing()
            ? Variables.none()
            : Variables.read(node.child("variables"));
    return new CompanyConfig(
        id,
        node.string("name"),
        m365Config,
        knowbe4,
        variables,
        ScheduleConfig.read(node.child("schedule")));
  }

  /** An https URL, or http for a loopback host only (tests and simulators). */
  private static URI url(ConfigNode node, String key, boolean required) {
    String text = required ? node.requiredString(key) : node.string(key);
    if (text == null || text.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw node.problem(key, "not a valid URL: " + text);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw node.problem(key, "not a valid http(s) URL: " + text);
    }
    if (scheme.equals("http") && !Loopback.isLoopbackHost(uri.getHost())) {
      throw node.problem(key, "plain http is accepted only for loopback hosts; use https");
    }
    return uri;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
