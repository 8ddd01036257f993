package io.kb4sync.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the first key written twice in one mapping, with both lines. (The strict parser names only
 * the second line; a tired editor needs both.)
 */
final class DuplicateKeys {
  private static final YAMLFactory YAML = new YAMLFactory();

  /**
   * @param keyPath e.g. {@code companies[0].m365.tenant_id}
   */
  record Duplicate(String keyPath, int firstLine, int secondLine) {}

  private DuplicateKeys() {}

  /** The first duplicate key of the text; empty when there is none or the text does not parse. */
  static Optional<Duplicate> first(String yaml) {
    Deque<Map<String, Integer>> mappings = new ArrayDeque<>();
    try (JsonParser parser = YAML.createParser(yaml)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        switch (token) {
          case START_OBJECT -> mappings.push(new HashMap<>());
          case END_OBJECT -> mappings.pop();
          case FIELD_NAME -> {
            int line = parser.currentTokenLocation().getLineNr();
            Integer first = mappings.peek().putIfAbsent(parser.currentName(), line);
            if (first != null) {
              return Optional.of(new Duplicate(path(parser.getParsingContext()), first, line));
            }
          }
          default -> {}
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static String path(JsonStreamContext context) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        path.insert(
            0, (c.getParent() == null || c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
      } else if (c.inArray()) {
        path.insert(0, "[" + c.getCurrentIndex() + "]");
      }
    }
    return path.toString();
  }
}
