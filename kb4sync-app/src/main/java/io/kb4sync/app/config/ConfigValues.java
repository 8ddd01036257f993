package io.kb4sync.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value types every configuration section shares, as {@link SectionBinder} reads them: a {@link
 * Path} relative to the configuration file's folder, a {@link URI} as written (the settings record
 * checks it by the one endpoint rule), an enum by its module's {@code static fromConfig(String)}. A
 * text value is trimmed, and empty is absent.
 */
final class ConfigValues {
  private ConfigValues() {}

  /** The Jackson module of these value types. */
  static SimpleModule module() {
    SimpleDeserializers deserializers = new Deserializers();
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
  private static final class Deserializers extends SimpleDeserializers {
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
  static List<String> configNames(Class<?> type) {
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
