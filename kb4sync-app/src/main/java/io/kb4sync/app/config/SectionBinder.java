package io.kb4sync.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a configuration section ({@code m365}, {@code knowbe4}, {@code notifications}, {@code psa})
 * onto the settings record its module declares, the same way for every section:
 *
 * <ul>
 *   <li>YAML keys are the record's components in snake_case; an unknown key is refused with the
 *       nearest valid key;
 *   <li>{@code ${env:}} and {@code ${file:}} references are expanded first;
 *   <li>paths, URLs and enums are read as {@link ConfigValues} says (a path relative to the file's
 *       folder, an enum by its module's {@code fromConfig});
 *   <li>the record's constructor holds the defaults and the checks: an {@link
 *       IllegalArgumentException} whose message starts with one of its keys ({@code "scim_url:
 *       ..."}) is told at that key's path;
 *   <li>every problem is one line naming the file and the key path, showing any expanded value as
 *       the reference it came from.
 * </ul>
 *
 * Inheritance between sections (e.g. a company's {@code m365} over the defaults') is a merge of the
 * JSON nodes before {@link #bind}.
 */
final class SectionBinder {
  private static final Pattern KEYED = Pattern.compile("([a-z][a-z0-9_]*): (.+)", Pattern.DOTALL);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .addModule(ConfigValues.module())
          .build();

  private SectionBinder() {}

  /**
   * @param section the section's node as read (references not yet expanded); null for none
   * @param path the section's key path, e.g. {@code companies[0].m365}
   * @return null when the section is absent
   */
  static <T> T bind(JsonNode section, String path, Class<T> type, ConfigFile file) {
    return bind(section, path, Map.of(), type, file);
  }

  /**
   * Binds a section merged from several places: {@code origins} gives, for a top-level key that
   * came from elsewhere (e.g. {@code defaults.m365}), the key path it was written at, so its
   * references and the record's refusals of it are told there.
   */
  static <T> T bind(
      JsonNode section, String path, Map<String, String> origins, Class<T> type, ConfigFile file) {
    if (section == null || section.isNull() || section.isMissingNode()) {
      return null;
    }
    checkKeys(section, path, type, file);
    JsonNode expanded = expand(section.deepCopy(), path, origins, file);
    try {
      return MAPPER.readerFor(type).withAttribute(ConfigFile.class, file).readValue(expanded);
    } catch (JsonMappingException e) {
      String at = path + pathOf(e);
      IllegalArgumentException refused = refusal(e);
      if (refused == null) {
        throw file.problem(origin(path, pathOf(e), origins), problemOf(e) + found(section, e));
      }
      String message = firstLine(refused.getMessage());
      Matcher keyed = KEYED.matcher(message);
      if (keyed.matches() && e instanceof ValueInstantiationException instantiation) {
        if (keys(instantiation.getType().getRawClass()).contains(keyed.group(1))) {
          String origin = at.equals(path) ? origins.get(keyed.group(1)) : null;
          throw file.problem(origin != null ? origin : at + "." + keyed.group(1), keyed.group(2));
        }
      }
      throw file.problem(at, message);
    } catch (IOException e) {
      throw file.problem(path, firstLine(e.getMessage()));
    }
  }

  /**
   * {@code , found "VALUE"} as written (a reference stays a reference) for a word or a number that
   * is not one of the accepted; nothing for other values (a URL may carry a secret).
   */
  private static String found(JsonNode section, JsonMappingException e) {
    if (!(e instanceof InvalidFormatException invalid)
        || invalid.getTargetType() == null
        || invalid.getTargetType() == URI.class
        || invalid.getTargetType() == Path.class
        || invalid.getTargetType() == String.class) {
      return "";
    }
    JsonNode written = section;
    for (JsonMappingException.Reference ref : e.getPath()) {
      written =
          ref.getFieldName() != null
              ? written.path(ref.getFieldName())
              : written.path(ref.getIndex());
    }
    return written.isValueNode() ? ", found \"" + written.asText() + "\"" : "";
  }

  /** The check of a settings record that refused its values, if that is what went wrong. */
  private static IllegalArgumentException refusal(Throwable e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException refused) {
        return refused;
      }
    }
    return null;
  }

  /** Where a problem at {@code path + relative} was written: its origin when it was inherited. */
  private static String origin(String path, String relative, Map<String, String> origins) {
    for (Map.Entry<String, String> inherited : origins.entrySet()) {
      String key = "." + inherited.getKey();
      if (relative.equals(key)
          || relative.startsWith(key + ".")
          || relative.startsWith(key + "[")) {
        return inherited.getValue() + relative.substring(key.length());
      }
    }
    return path + relative;
  }

  private static JsonNode expand(
      JsonNode node, String path, Map<String, String> origins, ConfigFile file) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String at = origins.getOrDefault(name, path + "." + name);
        object.set(name, expand(object.get(name), at, file));
      }
      return node;
    }
    return expand(node, path, file);
  }

  private static JsonNode expand(JsonNode node, String path, ConfigFile file) {
    if (node.isTextual()) {
      return TextNode.valueOf(file.expand(node.asText(), path));
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        object.set(name, expand(object.get(name), path + "." + name, file));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((ArrayNode) node).set(i, expand(node.get(i), path + "[" + i + "]", file));
      }
    }
    return node;
  }

  static void checkKeys(JsonNode node, String path, Type type, ConfigFile file) {
    Class<?> raw = raw(type);
    if (raw.isRecord()) {
      if (!node.isObject()) {
        throw file.problem(path, "expected a mapping of keys");
      }
      List<String> allowed = keys(raw);
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        int index = allowed.indexOf(field.getKey());
        if (index < 0) {
          String nearest = Suggestions.nearest(field.getKey(), allowed);
          throw file.problem(
              path + "." + field.getKey(),
              "unknown key" + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
        }
        Type componentType = raw.getRecordComponents()[index].getGenericType();
        if (!field.getValue().isNull()) {
          checkKeys(field.getValue(), path + "." + field.getKey(), componentType, file);
        }
      }
    } else if (List.class.isAssignableFrom(raw)
        && type instanceof ParameterizedType parameterized) {
      if (!node.isArray()) {
        throw file.problem(path, "expected a list");
      }
      for (int i = 0; i < node.size(); i++) {
        checkKeys(
            node.get(i), path + "[" + i + "]", parameterized.getActualTypeArguments()[0], file);
      }
    }
  }

  /** A record's keys: its components in snake_case, in order. */
  private static List<String> keys(Class<?> record) {
    List<String> keys = new ArrayList<>();
    if (record.isRecord()) {
      for (RecordComponent component : record.getRecordComponents()) {
        keys.add(snake(component.getName()));
      }
    }
    return keys;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  static String snake(String camel) {
    return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(camel);
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        out.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String problemOf(JsonMappingException e) {
    if (e instanceof InvalidFormatException invalid) {
      Class<?> target = invalid.getTargetType();
      if (target != null && target.isEnum()) {
        return "must be one of " + String.join(", ", ConfigValues.configNames(target));
      }
      if (target == URI.class) {
        return "not a valid URL";
      }
      return "expected " + (target == null ? "another value" : describe(target));
    }
    if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return "expected " + describe(mismatched.getTargetType());
    }
    return firstLine(e.getOriginalMessage());
  }

  private static String describe(Class<?> target) {
    if (target == int.class
        || target == Integer.class
        || target == long.class
        || target == Long.class) {
      return "a whole number";
    }
    if (target == double.class || target == Double.class) {
      return "a number";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "true or false";
    }
    if (target == String.class || target == Path.class) {
      return "a text value";
    }
    if (target == URI.class) {
      return "a URL";
    }
    if (target.isEnum()) {
      return "one of " + String.join(", ", ConfigValues.configNames(target));
    }
    if (List.class.isAssignableFrom(target)) {
      return "a list";
    }
    return "a mapping of keys";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
