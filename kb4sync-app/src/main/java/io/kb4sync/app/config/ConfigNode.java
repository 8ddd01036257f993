package io.kb4sync.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A position in the YAML tree that knows its key path, so every problem is told as {@code file:
 * path: problem}. Secret references are expanded as values are read.
 */
final class ConfigNode {
  private final JsonNode node;
  private final String path;
  private final ConfigFile file;

  ConfigNode(JsonNode node, String path, ConfigFile file) {
    this.node = node;
    this.path = path;
    this.file = file;
  }

  String path() {
    return path;
  }

  boolean isMissing() {
    return node == null || node.isMissingNode() || node.isNull();
  }

  ConfigException problem(String problem) {
    return file.problem(path, problem);
  }

  ConfigException problem(String key, String problem) {
    return file.problem(join(key), problem);
  }

  /** A section a module owns, bound onto its settings record by {@link SectionBinder}; required. */
  <T> T section(String key, Class<T> type) {
    JsonNode value = isMissing() ? null : node.get(key);
    if (value == null || value.isNull()) {
      throw problem(key, "is required");
    }
    return SectionBinder.bind(value, join(key), type, file);
  }

  /**
   * A section a module owns, over the same section in {@code defaults} (docs/configuration.md,
   * "Inheritance"): the company's keys win over the defaults' key by key, except that the keys in
   * {@code replacedWhole} go together — when the company sets {@code replacedWhole.get(0)} (e.g.
   * {@code client_id}), none of the defaults' keys of that group is inherited. Required: from the
   * company, the defaults, or both. A key that came from the defaults is told at its own path.
   */
  <T> T section(String key, Class<T> type, ConfigNode defaults, List<String> replacedWhole) {
    JsonNode own = isMissing() ? null : node.get(key);
    JsonNode inherited = defaults.isMissing() ? null : defaults.node;
    boolean hasOwn = own != null && !own.isNull();
    if (inherited == null || inherited.isNull()) {
      return section(key, type);
    }
    if (hasOwn && !own.isObject()) {
      throw problem(key, "expected a mapping of keys, found " + kind(own));
    }
    SectionBinder.checkKeys(inherited, defaults.path, type, file);
    if (hasOwn) {
      SectionBinder.checkKeys(own, join(key), type, file);
    }
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    Map<String, String> origins = new LinkedHashMap<>();
    boolean ownCredential = hasOwn && present(own.get(replacedWhole.get(0)));
    for (Map.Entry<String, JsonNode> field : inherited.properties()) {
      if (ownCredential && replacedWhole.contains(field.getKey())) {
        continue;
      }
      if (present(field.getValue())) {
        merged.set(field.getKey(), field.getValue());
        origins.put(field.getKey(), defaults.path + "." + field.getKey());
      }
    }
    if (hasOwn) {
      for (Map.Entry<String, JsonNode> field : own.properties()) {
        if (present(field.getValue())) {
          merged.set(field.getKey(), field.getValue());
          origins.remove(field.getKey());
        }
      }
    }
    return SectionBinder.bind(merged, join(key), origins, type, file);
  }

  /** Written with a value: not null, and not the empty text (an empty URL is an absent key). */
  private static boolean present(JsonNode value) {
    return value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty());
  }

  /** Fails on a key that is not one of {@code allowed}, suggesting the nearest valid key. */
  ConfigNode onlyKeys(Collection<String> allowed) {
    if (isMissing()) {
      return this;
    }
    if (!node.isObject()) {
      throw problem("expected a mapping of keys, found " + kind(node));
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String nearest = Suggestions.nearest(name, allowed);
        throw problem(
            name, "unknown key" + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
      }
    }
    return this;
  }

  ConfigNode child(String key) {
    return new ConfigNode(isMissing() ? null : node.get(key), join(key), file);
  }

  List<ConfigNode> list(String key) {
    JsonNode value = isMissing() ? null : node.get(key);
    List<ConfigNode> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isArray()) {
      throw problem(key, "expected a list, found " + kind(value));
    }
    for (int i = 0; i < value.size(); i++) {
      items.add(new ConfigNode(value.get(i), join(key) + "[" + i + "]", file));
    }
    return items;
  }

  String string(String key) {
    JsonNode value = isMissing() ? null : node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode() || value.isBinary()) {
      throw problem(key, "expected a text value, found " + kind(value));
    }
    String text = file.expand(value.asText(), join(key));
    return text;
  }

  String requiredString(String key) {
    String value = string(key);
    if (value == null || value.isBlank()) {
      throw problem(key, "is required");
    }
    return value;
  }

  Boolean bool(String key) {
    JsonNode value = isMissing() ? null : node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isTextual()) {
      String text = file.expand(value.asText(), join(key)).trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.valueOf(text);
      }
    }
    throw problem(key, "expected true or false, found " + describe(value));
  }

  Integer integer(String key, int min, int max) {
    JsonNode value = isMissing() ? null : node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    int number;
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      number = value.asInt();
    } else if (value.isTextual()
        && file.expand(value.asText(), join(key)).trim().matches("-?\\d{1,9}")) {
      number = Integer.parseInt(file.expand(value.asText(), join(key)).trim());
    } else {
      throw problem(key, "expected a whole number, found " + describe(value));
    }
    if (number < min || number > max) {
      throw problem(key, "must be between " + min + " and " + max + ", found " + number);
    }
    return number;
  }

  /** A list of texts; a single text is taken as a list of one. Null when absent. */
  List<String> strings(String key) {
    JsonNode value = isMissing() ? null : node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    if (value.isTextual()) {
      texts.add(file.expand(value.asText(), join(key)));
      return texts;
    }
    if (!value.isArray()) {
      throw problem(key, "expected a list of texts, found " + kind(value));
    }
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isValueNode() || item.isNull()) {
        throw problem(key + "[" + i + "]", "expected a text value, found " + kind(item));
      }
      texts.add(file.expand(item.asText(), join(key) + "[" + i + "]"));
    }
    return texts;
  }

  /** A mapping of texts to texts. Null when absent. */
  Map<String, String> stringMap(String key) {
    JsonNode value = isMissing() ? null : node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw problem(key, "expected a mapping, found " + kind(value));
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      JsonNode item = field.getValue();
      if (!item.isValueNode() || item.isNull()) {
        throw problem(key + "." + field.getKey(), "expected a text value, found " + kind(item));
      }
      map.put(field.getKey(), file.expand(item.asText(), join(key) + "." + field.getKey()));
    }
    return map;
  }

  /** One of the allowed words (case-insensitive), lower-cased; null when absent. */
  String choice(String key, List<String> allowed) {
    String value = string(key);
    if (value == null) {
      return null;
    }
    String word = value.trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(word)) {
      throw problem(
          key, "must be one of " + String.join(", ", allowed) + ", found \"" + value + "\"");
    }
    return word;
  }

  private String join(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String kind(JsonNode value) {
    if (value == null || value.isNull()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return "\"" + value.asText() + "\"";
  }

  private static String describe(JsonNode value) {
    return kind(value);
  }
}
