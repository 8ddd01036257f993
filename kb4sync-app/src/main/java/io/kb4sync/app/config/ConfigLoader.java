package io.kb4sync.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kb4sync.app.NoTicketMemory;
import io.kb4sync.graph.GraphSettings;
import io.kb4sync.knowbe4.KnowBe4Settings;
import io.kb4sync.notify.NotificationSettings;
import io.kb4sync.notify.NotifierFactory;
import io.kb4sync.psa.PsaSettings;
import io.kb4sync.psa.TicketingFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates the YAML configuration. Every problem is one line naming the file, the key
 * path and what is wrong; unknown keys are errors with the nearest valid key suggested; a key
 * written twice in one mapping is an error naming both lines. The file's own structure (the root,
 * each company, the variables) is read here; each section a module owns ({@code m365}, {@code
 * knowbe4}, {@code notifications}, {@code psa}) is bound onto that module's settings record by
 * {@link SectionBinder}, where its keys and their defaults live.
 */
public final class ConfigLoader {
  static final List<String> ROOT_KEYS =
      List.of(
          "state",
          "defaults",
          "companies",
          "parallel_companies",
          "history_days",
          "http_deadline",
          "notifications",
          "psa",
          "server");
  static final List<String> COMPANY_KEYS =
      List.of("company_id", "name", "m365", "knowbe4", "variables", "schedule");

  /**
   * The credential of {@code m365}: a company that sets its own {@code client_id} inherits none of
   * these from {@code defaults.m365}; {@code cloud} and the URLs are inherited key by key.
   */
  static final List<String> M365_CREDENTIAL =
      List.of("client_id", "client_secret", "certificate_path", "certificate_password");

  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private ConfigLoader() {}

  public static Config load(Path file) {
    return load(file, System.getenv()::get);
  }

  public static Config load(Path file, Function<String, String> environment) {
    ConfigFile source = new ConfigFile(file, environment);
    JsonNode tree;
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such configuration file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the file: " + e.getMessage());
    }
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      DuplicateKeys.Duplicate duplicate = DuplicateKeys.first(text).orElse(null);
      if (duplicate != null) {
        throw source.problem(
            duplicate.keyPath(),
            "duplicate key, at lines " + duplicate.firstLine() + " and " + duplicate.secondLine());
      }
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new ConfigException(
          file
              + ": "
              + (line > 0 ? "line " + line + ": " : "")
              + "not valid YAML: "
              + firstLine(e.getOriginalMessage()));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ConfigException(file + ": the file is empty; it needs at least `companies:`");
    }
    ConfigNode root = new ConfigNode(tree, "", source);
    root.onlyKeys(ROOT_KEYS);

    String state = root.string("state");
    ConfigNode defaults = root.child("defaults").onlyKeys(List.of("variables", "m365", "schedule"));
    ScheduleConfig defaultSchedule = ScheduleConfig.read(defaults.child("schedule"));
    ServerSettings server = ServerSettings.read(root.child("server"));
    ConfigNode defaultM365 = defaults.child("m365");
    if (!defaultM365.isMissing() && !defaultM365.child("tenant_id").isMissing()) {
      throw defaultM365.problem(
          "tenant_id", "a tenant belongs to one company: set it in the company's m365");
    }
    Variables defaultVariables =
        defaults.child("variables").isMissing()
            ? Variables.none()
            : Variables.read(defaults.child("variables"));
    Integer parallel = root.integer("parallel_companies", 1, 64);
    Integer historyDays = root.integer("history_days", 1, Config.MAX_HISTORY_DAYS);
    Integer httpDeadline = root.integer("http_deadline", 1, Config.MAX_HTTP_DEADLINE_SECONDS);

    List<ConfigNode> companyNodes = root.list("companies");
    if (companyNodes.isEmpty()) {
      throw root.problem("companies", "is required: list at least one company");
    }
    List<CompanyConfig> companies = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ConfigNode node : companyNodes) {
      CompanyConfig company = company(node, defaultM365);
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
        server,
        httpDeadline == null ? null : java.time.Duration.ofSeconds(httpDeadline));
  }

  private static NotificationSettings notifications(JsonNode section, ConfigFile source) {
    NotificationSettings settings =
        SectionBinder.bind(section, "notifications", NotificationSettings.class, source);
    if (settings != null) {
      try {
        NotifierFactory.channels(settings); // validates every channel; nothing is sent
      } catch (IllegalArgumentException e) {
        throw source.problemUnder("notifications", e.getMessage());
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
        throw source.problemUnder("psa", e.getMessage());
      }
    }
    return settings;
  }

  private static CompanyConfig company(ConfigNode node, ConfigNode defaultM365) {
    node.onlyKeys(COMPANY_KEYS);
    String id = node.requiredString("company_id").trim();
    GraphSettings m365 = node.section("m365", GraphSettings.class, defaultM365, M365_CREDENTIAL);
    KnowBe4Settings knowbe4 = node.section("knowbe4", KnowBe4Settings.class);
    Variables variables =
        node.child("variables").isMissing()
            ? Variables.none()
            : Variables.read(node.child("variables"));
    return new CompanyConfig(
        id,
        node.string("name"),
        m365,
        knowbe4,
        variables,
        ScheduleConfig.read(node.child("schedule")));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
