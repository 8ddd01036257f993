package io.kb4sync.core.onboard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The normalised name two companies are compared by: diacritics removed, case folded, {@code &} as
 * "and", punctuation as spaces, and trailing legal suffixes (Ltd, Limited, GmbH, Inc, LLC, ...)
 * dropped — never the whole name.
 */
public final class CompanyNames {
  private static final Set<String> LEGAL_SUFFIXES =
      Set.of(
          "ltd",
          "limited",
          "gmbh",
          "inc",
          "incorporated",
          "llc",
          "llp",
          "plc",
          "corp",
          "corporation",
          "co",
          "company",
          "ag",
          "kg",
          "se",
          "sa",
          "sas",
          "sarl",
          "srl",
          "spa",
          "bv",
          "nv",
          "pty",
          "ab",
          "oy",
          "as",
          "aps",
          "mbh",
          "ug");

  private CompanyNames() {}

  public static String normalised(String name) {
    if (name == null) {
      return "";
    }
    String text =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .replace("ß", "ss")
            .replace("ø", "o")
            .replace("Ø", "o")
            .replace("æ", "ae")
            .replace("Æ", "ae")
            .replace("ł", "l")
            .replace("Ł", "l")
            .toLowerCase(Locale.ROOT)
            .replace("&", " and ")
            .replace("+", " and ");
    // "G.m.b.H." and "L.L.C." are one word once their dots are gone.
    text = text.replaceAll("(?<=\\b\\p{L})\\.(?=\\p{L}\\b)", "").replace("'", "");
    text = text.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    if (text.isEmpty()) {
      return "";
    }
    List<String> words = new ArrayList<>(Arrays.asList(text.split(" ")));
    while (words.size() > 1 && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
      if (words.size() > 1 && words.get(words.size() - 1).equals("and")) {
        words.remove(words.size() - 1); // "Smith & Co" -> "smith"
      }
    }
    return String.join(" ", words);
  }
}
