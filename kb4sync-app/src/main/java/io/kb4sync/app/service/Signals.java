package io.kb4sync.app.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;

/**
 * SIGHUP for {@code kb4sync serve}: the JDK's {@code sun.misc.Signal} (module jdk.unsupported),
 * reached by reflection so the build needs no internal API. Where it is missing (another JVM, or
 * Windows), {@link #onHangUp} says so and does nothing.
 */
public final class Signals {
  private Signals() {}

  /**
   * Runs {@code action} on a JVM thread each time the process receives SIGHUP.
   *
   * @return false when this JVM cannot listen for SIGHUP
   */
  public static boolean onHangUp(Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object hup = signal.getConstructor(String.class).newInstance("HUP");
      InvocationHandler call =
          (proxy, method, args) -> {
            if (method.getName().equals("handle")) {
              action.run();
              return null;
            }
            if (method.getName().equals("toString")) {
              return "kb4sync SIGHUP handler";
            }
            if (method.getName().equals("hashCode")) {
              return System.identityHashCode(proxy);
            }
            if (method.getName().equals("equals")) {
              return proxy == args[0];
            }
            return null;
          };
      Object proxy =
          Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] {handler}, call);
      signal.getMethod("handle", signal, handler).invoke(null, hup, proxy);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
