package io.kb4sync.server.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code server.trusted_proxies}: IP addresses and CIDR ranges (IPv4 or IPv6), never host names, so
 * that no lookup happens on a request.
 */
final class ProxyAddresses {

  private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(/\\d{1,3})?");

  private record Range(byte[] network, int bits) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Range> ranges;

  private ProxyAddresses(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * @throws IllegalArgumentException in one line for an entry that is not an address or range
   */
  static ProxyAddresses parse(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      String text = entry.trim();
      if (!LITERAL.matcher(text).matches() || !(text.contains(".") || text.contains(":"))) {
        throw new IllegalArgumentException(
            "not an IP address or CIDR range (host names are not taken): " + entry);
      }
      int slash = text.indexOf('/');
      byte[] network = bytes(slash < 0 ? text : text.substring(0, slash));
      if (network == null) {
        throw new IllegalArgumentException("not an IP address or CIDR range: " + entry);
      }
      int bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
      if (bits > network.length * 8) {
        throw new IllegalArgumentException("a CIDR prefix longer than the address: " + entry);
      }
      ranges.add(new Range(network, bits));
    }
    return new ProxyAddresses(ranges);
  }

  boolean contains(String address) {
    if (ranges.isEmpty() || address == null || !LITERAL.matcher(address).matches()) {
      return false;
    }
    byte[] bytes = bytes(address);
    return bytes != null && ranges.stream().anyMatch(range -> range.contains(bytes));
  }

  /** The bytes of an IP literal (no lookup: only literals reach here); null if not one. */
  private static byte[] bytes(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
