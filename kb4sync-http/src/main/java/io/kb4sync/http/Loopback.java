package io.kb4sync.http;

import java.util.Locale;

/**
 * The one loopback rule of kb4sync: which hosts may be spoken to in plain {@code http://} (tests,
 * simulators) and, later, which addresses a local server may listen on. It reads the host as
 * written; no DNS lookup decides it, so a name cannot be pointed elsewhere to pass.
 */
public final class Loopback {
  private Loopback() {}

  /**
   * True for {@code localhost} in any letter case, a dotted-quad literal in 127.0.0.0/8 (four
   * decimal octets 0-255 without leading zeros, e.g. {@code 127.0.0.1}, {@code 127.0.0.5}), and
   * {@code ::1} bare or bracketed as {@link java.net.URI#getHost()} gives it ({@code [::1]}).
   * Everything else is not: {@code localhost.}, {@code localhost.example.com}, {@code
   * 127.0.0.1.example.com}, {@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}, {@code
   * [::ffff:127.0.0.1]}, and every other name or address.
   */
  public static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("::1") || h.equals("[::1]")) {
      return true;
    }
    String[] octets = h.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (!octet.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }
}
