package io.kb4sync.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes secrets (tokens, passwords, keys, webhook URLs and their secret paths) from text meant
 * for a technician, and squeezes it onto one short line. Secrets shorter than four characters are
 * ignored: replacing them would garble every message.
 */
public final class Redactor {
  private static final int MIN_SECRET_LENGTH = 4;
  private final List<String> secrets;

  public Redactor(List<String> secrets) {
    List<String> list = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
        list.add(secret);
      }
    }
    // Longest first, so a URL goes before its own path.
    list.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(list);
  }

  /** The secret parts of a webhook URL: the whole URL, its path and its query. */
  public static List<String> urlSecrets(URI uri) {
    List<String> parts = new ArrayList<>();
    parts.add(uri.toString());
    if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
      parts.add(uri.getRawPath());
      parts.add(uri.getPath());
    }
    if (uri.getRawQuery() != null) {
      parts.add(uri.getRawQuery());
      parts.add(uri.getQuery());
    }
    return parts;
  }

  /** A redactor that also hides {@code more}. */
  public Redactor plus(List<String> more) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(more);
    return new Redactor(all);
  }

  /** One line of at most {@code max} characters, secrets replaced by {@code ***}; "" for null. */
  public String line(String text, int max) {
    if (text == null) {
      return "";
    }
    String clean = text;
    for (String secret : secrets) {
      clean = clean.replace(secret, "***");
    }
    clean = clean.replaceAll("\\s+", " ").trim();
    return clean.length() <= max ? clean : clean.substring(0, max) + "…";
  }
}
