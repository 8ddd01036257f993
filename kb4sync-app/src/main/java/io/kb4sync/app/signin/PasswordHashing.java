package io.kb4sync.app.signin;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash},
 * unpadded base64), computed by Bouncy Castle: OWASP's first recommended parameters (19 MiB, 2
 * passes, 1 lane), a 16-byte random salt, a 32-byte hash, compared in constant time. A stored hash
 * keeps its own parameters, so stronger ones later still check older hashes.
 */
final class PasswordHashing {

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  static final int PARALLELISM = 1;
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 2;

  private static final Pattern PHC =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})"
              + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A hash no password matches but that costs as much to check as a real one: checked for unknown
   * names, so that timing does not tell names apart.
   */
  private final String dummy;

  PasswordHashing() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    dummy = hash(B64.encodeToString(random).toCharArray());
  }

  String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = argon2id(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + PARALLELISM
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** Whether the password is the one hashed; false for a hash not in the form above. */
  boolean matches(char[] password, String phcHash) {
    Matcher phc = PHC.matcher(phcHash);
    if (!phc.matches()) {
      return false;
    }
    byte[] salt = B64_DECODER.decode(phc.group(4));
    byte[] expected = B64_DECODER.decode(phc.group(5));
    byte[] actual =
        argon2id(
            password,
            salt,
            Integer.parseInt(phc.group(1)),
            Integer.parseInt(phc.group(2)),
            Integer.parseInt(phc.group(3)),
            expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends the time of a check, for a name that has no hash; always false. */
  boolean matchesNothing(char[] password) {
    matches(password, dummy);
    return false;
  }

  private static byte[] argon2id(
      char[] password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(lanes)
            .build());
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] utf8 = new byte[encoded.remaining()];
    encoded.get(utf8);
    Arrays.fill(encoded.array(), (byte) 0);
    byte[] hash = new byte[length];
    try {
      generator.generateBytes(utf8, hash);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
    return hash;
  }
}
