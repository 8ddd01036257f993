package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void a_secret_is_replaced_wherever_it_appears() {
    Redactor redactor = new Redactor(List.of("hunter22"));

    assertThat(redactor.line("password hunter22, again hunter22", 100))
        .isEqualTo("password ***, again ***");
  }

  @Test
  void a_webhook_url_goes_whole_before_its_own_path_and_query() {
    URI uri = URI.create("https://hooks.example/services/T0/B0/SECRETPATH?sig=SIGVALUE");
    Redactor redactor = new Redactor(Redactor.urlSecrets(uri));

    assertThat(redactor.line("posted to " + uri + "; path " + uri.getRawPath(), 200))
        .isEqualTo("posted to ***; path ***");
    assertThat(redactor.line("sig=SIGVALUE", 200)).isEqualTo("***");
  }

  @Test
  void url_secrets_are_the_url_its_path_and_its_query_raw_and_decoded() {
    URI uri = URI.create("https://h.example/a%20b?q=c%20d");

    assertThat(Redactor.urlSecrets(uri))
        .containsExactly("https://h.example/a%20b?q=c%20d", "/a%20b", "/a b", "q=c%20d", "q=c d");
    assertThat(Redactor.urlSecrets(URI.create("https://h.example/")))
        .containsExactly("https://h.example/");
  }

  @Test
  void secrets_shorter_than_four_characters_or_null_are_ignored() {
    Redactor redactor = new Redactor(Arrays.asList("abc", null, "abcd"));

    assertThat(redactor.line("abc abcd", 100)).isEqualTo("abc ***");
  }

  @Test
  void text_is_squeezed_onto_one_line_and_cut_at_the_limit() {
    Redactor redactor = new Redactor(List.of());

    assertThat(redactor.line("  one\n\ttwo   three  ", 100)).isEqualTo("one two three");
    assertThat(redactor.line("abcdefghij", 4)).isEqualTo("abcd…");
    assertThat(redactor.line("abcd", 4)).isEqualTo("abcd");
    assertThat(redactor.line(null, 4)).isEmpty();
  }

  @Test
  void plus_hides_more_without_changing_the_original() {
    Redactor base = new Redactor(List.of("first-secret"));
    Redactor more = base.plus(List.of("second-secret"));

    assertThat(more.line("first-secret second-secret", 100)).isEqualTo("*** ***");
    assertThat(base.line("first-secret second-secret", 100)).isEqualTo("*** second-secret");
  }
}
