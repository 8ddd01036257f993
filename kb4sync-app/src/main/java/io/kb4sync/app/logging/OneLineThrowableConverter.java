package io.kb4sync.app.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * {@code %oneLineEx} in the shipped {@code logback.xml}: a stack trace as logback writes it, one
 * frame a line, with the control characters of every exception message escaped ({@link OneLine}): a
 * message may quote a directory value or a remote answer.
 */
public final class OneLineThrowableConverter extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return super.throwableProxyToString(Escaped.of(proxy));
  }

  /** The same throwable, its messages (and those of its causes and suppressed) escaped. */
  private record Escaped(IThrowableProxy proxy) implements IThrowableProxy {
    static IThrowableProxy of(IThrowableProxy proxy) {
      return proxy == null ? null : new Escaped(proxy);
    }

    @Override
    public String getMessage() {
      return OneLine.escape(proxy.getMessage());
    }

    @Override
    public String getOverridingMessage() {
      return OneLine.escape(proxy.getOverridingMessage());
    }

    @Override
    public String getClassName() {
      return proxy.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return proxy.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return proxy.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return of(proxy.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = proxy.getSuppressed();
      if (suppressed == null) {
        return null;
      }
      IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
      for (int i = 0; i < suppressed.length; i++) {
        escaped[i] = of(suppressed[i]);
      }
      return escaped;
    }

    @Override
    public boolean isCyclic() {
      return proxy.isCyclic();
    }
  }
}
