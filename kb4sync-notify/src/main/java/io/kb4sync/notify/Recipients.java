package io.kb4sync.notify;

import io.kb4sync.core.remote.RemoteException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The addresses an email goes to: the company's recipients, then the configured extras. */
final class Recipients {
  private Recipients() {}

  /**
   * Merges and de-duplicates (case-insensitively, trimmed) the two lists.
   *
   * @throws RemoteException (BAD_REQUEST) when there is nobody to send to
   */
  static List<String> of(List<String> company, List<String> extra, String channel) {
    Map<String, String> unique = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(company);
    all.addAll(extra);
    for (String address : all) {
      if (address != null && !address.isBlank()) {
        unique.putIfAbsent(address.trim().toLowerCase(Locale.ROOT), address.trim());
      }
    }
    if (unique.isEmpty()) {
      throw new RemoteException(
          RemoteException.Kind.BAD_REQUEST,
          channel,
          channel
              + ": no recipients: set the company's knowbe4_notification_recipients"
              + " or notifications.email.recipients");
    }
    return List.copyOf(unique.values());
  }
}
