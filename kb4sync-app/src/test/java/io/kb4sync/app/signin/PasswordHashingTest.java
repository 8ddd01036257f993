package io.kb4sync.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {
  final PasswordHashing hashing = new PasswordHashing();

  /**
   * Made by the reference implementation (P-H-C/phc-winner-argon2): {@code argon2 somesalt -id}.
   */
  static final String REFERENCE =
      "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCo";

  @Test
  void a_hash_made_by_the_reference_implementation_checks_with_its_parameters() {
    assertThat(hashing.matches("password".toCharArray(), REFERENCE)).isTrue();
    assertThat(hashing.matches("passwore".toCharArray(), REFERENCE)).isFalse();
  }

  @Test
  void a_new_hash_is_argon2id_in_phc_form_with_owasp_parameters_and_a_random_salt() {
    String one = hashing.hash("correct horse battery".toCharArray());
    String two = hashing.hash("correct horse battery".toCharArray());

    assertThat(one)
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(one).isNotEqualTo(two);
    assertThat(hashing.matches("correct horse battery".toCharArray(), one)).isTrue();
    assertThat(hashing.matches("correct horse batterz".toCharArray(), one)).isFalse();
  }

  @Test
  void a_password_beyond_ascii_hashes_as_its_utf8_bytes() {
    String hash = hashing.hash("pässwörd ünïcode".toCharArray());

    assertThat(hashing.matches("pässwörd ünïcode".toCharArray(), hash)).isTrue();
    assertThat(hashing.matches("passwOrd unicode".toCharArray(), hash)).isFalse();
  }

  @Test
  void a_hash_in_another_form_matches_nothing() {
    assertThat(hashing.matches("password".toCharArray(), REFERENCE.replace("argon2id", "argon2i")))
        .isFalse();
    assertThat(hashing.matches("password".toCharArray(), "$2a$10$abcdefghijklmnopqrstuv"))
        .isFalse();
    assertThat(hashing.matchesNothing("password".toCharArray())).isFalse();
  }
}
