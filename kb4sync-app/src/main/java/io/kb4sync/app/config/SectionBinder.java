package io.kb4sync.app.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds a configuration section (e.g. {@code notifications}, {@code psa}) onto the settings record
 * its module declares: YAML keys are the record's components in snake_case. Secret references are
 * expanded first; unknown keys get the nearest valid key; every problem is one line naming the key
 * path, never the value.
 */
final class SectionBinder {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private SectionBinder() {}

  static <T> T bind(JsonNode section, String path, Class<T> type, ConfigFile file) {
    if (section == null || section.isNull() || section.isMissingNode()) {
      return null;
    }
    JsonNode expanded = expand(section.deepCopy(), path, file);
    checkKeys(expanded, path, type, file);
    try {
      return MAPPER.treeToValue(expanded, type);
    } catch (JsonMappingException e) {
      throw ConfigException.at(file.name(), path + pathOf(e), problemOf(e));
    } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ConfigException.at(file.name(), path, firstLine(e.getMessage()));
    }
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
        ((com.fasterxml.jackson.databind.node.ArrayNode) node)
            .set(i, expand(node.get(i), path + "[" + i + "]", file));
      }
    }
    return node;
  }

  private static void checkKeys(JsonNode node, String path, Type type, ConfigFile file) {
    Class<?> raw = raw(type);
    if (raw.isRecord()) {
      if (!node.isObject()) {
        throw ConfigException.at(file.name(), path, "expected a mapping of keys");
      }
      List<String> allowed = new ArrayList<>();
      for (RecordComponent component : raw.getRecordComponents()) {
        allowed.add(snake(component.getName()));
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        int index = allowed.indexOf(field.getKey());
        if (index < 0) {
          String nearest = Suggestions.nearest(field.getKey(), allowed);
          throw ConfigException.at(
              file.name(),
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
        throw ConfigException.at(file.name(), path, "expected a list");
      }
      for (int i = 0; i < node.size(); i++) {
        checkKeys(
            node.get(i), path + "[" + i + "]", parameterized.getActualTypeArguments()[0], file);
      }
    }
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
    String message = firstLine(e.getOriginalMessage());
    if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException invalid) {
      Class<?> target = invalid.getTargetType();
      if (target != null && target.isEnum()) {
        List<String> words = new ArrayList<>();
        for (Object constant : target.getEnumConstants()) {
          words.add(((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT));
        }
        return "must be one of " + String.join(", ", words);
      }
      return "expected " + (target == null ? "another value" : describe(target));
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatched
        && mismatched.getTargetType() != null) {
      return "expected " + describe(mismatched.getTargetType());
    }
    return message;
  }

  private static String describe(Class<?> target) {
    if (target == int.class
        || target == Integer.class
        || target == long.class
        || target == Long.class) {
      return "a whole number";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "true or false";
    }
    if (target == String.class) {
      return "a text value";
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
