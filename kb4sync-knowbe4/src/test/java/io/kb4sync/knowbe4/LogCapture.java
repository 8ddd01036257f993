package io.kb4sync.knowbe4;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what the adapter logs, and what kb4sync-http logs on its behalf (each retry), to check
 * content (secrets) and retry waits.
 */
final class LogCapture implements AutoCloseable {
  private static final List<String> LOGGERS = List.of("io.kb4sync.knowbe4", "io.kb4sync.http");

  private final List<Logger> loggers;
  private final List<Level> levels;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture(Level level) {
    this.loggers = LOGGERS.stream().map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
    this.levels = loggers.stream().map(Logger::getLevel).toList();
    appender.start();
    for (Logger logger : loggers) {
      logger.setLevel(level);
      logger.addAppender(appender);
    }
  }

  List<String> lines() {
    return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).detachAppender(appender);
      loggers.get(i).setLevel(levels.get(i));
    }
  }
}
