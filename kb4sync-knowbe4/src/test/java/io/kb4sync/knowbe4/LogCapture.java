package io.kb4sync.knowbe4;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what the adapter logs, to check content (secrets) and retry waits. */
final class LogCapture implements AutoCloseable {
  private final Logger root;
  private final Level level;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture(Level level) {
    this.root = (Logger) LoggerFactory.getLogger("io.kb4sync.knowbe4");
    this.level = root.getLevel();
    root.setLevel(level);
    appender.start();
    root.addAppender(appender);
  }

  List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    root.setLevel(level);
  }
}
