package io.kb4sync.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *   <li>a {@link Path} is relative to the configuration file's folder; a {@link URI} is parsed (an
 *       empty one is absent) and checked by the record itself; an enum with a static {@code
 *       fromConfig(String)} is read by it;
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
          .addModule(configValues())
          .build();

  private SectionBinder() {}

  /**
   * @param section the section's node as read (references not yet expanded); null for none
   * @param path the section's key path, e.g. {@code companies[0].m365}
   * @return null when the section is absent
   */
  static <T> T bind(JsonNode section, String path, Class<T> type, ConfigFile file) {
    if (section == null || section.isNull() || section.isMissingNode()) {
      return null;
    }
    checkKeys(section, path, type, file);
    JsonNode expanded = expand(section.deepCopy(), path, file);
    try {
      return MAPPER.readerFor(type).withAttribute(ConfigFile.class, file).readValue(expanded);
    } catch (JsonMappingException e) {
      String at = path + pathOf(e);
      IllegalArgumentException refused = refusal(e);
      if (refused == null) {
        throw file.problem(at, problemOf(e) + found(section, e));
      }
      String message = firstLine(refused.getMessage());
      Matcher keyed = KEYED.matcher(message);
      if (keyed.matches() && e instanceof ValueInstantiationException instantiation) {
        if (keys(instantiation.getType().getRawClass()).contains(keyed.group(1))) {
          throw file.problem(at + "." + keyed.group(1), keyed.group(2));
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

  private static void checkKeys(JsonNode node, String path, Type type, ConfigFile file) {
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
        return "must be one of " + String.join(", ", configNames(target));
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
      return "one of " + String.join(", ", configNames(target));
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

  // The value types every section shares.

  private static SimpleModule configValues() {
    SimpleDeserializers deserializers = new ConfigValues();
    deserializers.addDeserializer(
        Path.class,
        new TextValue<>(
            Path.class,
            "path",
            (text, ctxt) -> ((ConfigFile) ctxt.getAttribute(ConfigFile.class)).resolve(text)));
    deserializers.addDeserializer(
        URI.class, new TextValue<>(URI.class, "URL", (text, ctxt) -> new URI(text)));
    SimpleModule module = new SimpleModule("kb4sync-configuration");
    module.setDeserializers(deserializers);
    return module;
  }

  /** Paths, URLs, and enums read by their module's {@code fromConfig}. */
  private static final class ConfigValues extends SimpleDeserializers {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> findEnumDeserializer(
        Class<?> type, DeserializationConfig config, BeanDescription description)
        throws JsonMappingException {
      Method fromConfig = fromConfig(type);
      return fromConfig == null
          ? super.findEnumDeserializer(type, config, description)
          : new ConfigEnum(type, fromConfig);
    }
  }

  /** {@code static E fromConfig(String)}: how the module reads its own words. */
  private static Method fromConfig(Class<?> type) {
    try {
      Method method = type.getMethod("fromConfig", String.class);
      return Modifier.isStatic(method.getModifiers()) && method.getReturnType() == type
          ? method
          : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** The words an enum is written as: its {@code configName()}, else its lower-case name. */
  private static List<String> configNames(Class<?> type) {
    List<String> words = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      try {
        words.add(String.valueOf(type.getMethod("configName").invoke(constant)));
      } catch (ReflectiveOperationException e) {
        words.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }

  private static final class ConfigEnum extends StdScalarDeserializer<Object> {
    private static final long serialVersionUID = 1L;
    private final transient Method fromConfig;

    ConfigEnum(Class<?> type, Method fromConfig) {
      super(type);
      this.fromConfig = fromConfig;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return ctxt.handleUnexpectedToken(handledType(), p);
      }
      String text = p.getText();
      try {
        return fromConfig.invoke(null, text);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof IllegalArgumentException) {
          throw ctxt.weirdStringException(text, handledType(), "not a valid value");
        }
        throw new IllegalStateException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** How a {@link TextValue} reads its text. */
  @FunctionalInterface
  private interface Parse<T> {
    T parse(String text, DeserializationContext ctxt) throws Exception;
  }

  /**
   * A value written as text (trimmed; empty is absent): a {@link Path} relative to the
   * configuration file's folder, a {@link URI} (the record checks it by the one endpoint rule).
   */
  private static final class TextValue<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private final String what;
    private final transient Parse<T> parse;

    TextValue(Class<T> type, String what, Parse<T> parse) {
      super(type);
      this.type = type;
      this.what = what;
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return type.cast(ctxt.handleUnexpectedToken(type, p));
      }
      String text = p.getText().strip();
      if (text.isEmpty()) {
        return null;
      }
      try {
        return parse.parse(text, ctxt);
      } catch (Exception e) {
        throw ctxt.weirdStringException(text, type, "not a valid " + what);
      }
    }
  }
}
