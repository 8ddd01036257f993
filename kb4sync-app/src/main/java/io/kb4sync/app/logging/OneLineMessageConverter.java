package io.kb4sync.app.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %oneLineMsg} in the shipped {@code logback.xml}: the formatted message with its control
 * characters escaped ({@link OneLine}), so one event is one line whatever its arguments hold.
 */
public final class OneLineMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return OneLine.escape(super.convert(event));
  }
}
