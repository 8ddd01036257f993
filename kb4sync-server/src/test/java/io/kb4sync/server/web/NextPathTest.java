package io.kb4sync.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NextPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/companies", "/companies/1001?tab=runs", "/runs/r-1#top"})
  void a_local_path_is_kept(String next) {
    assertThat(NextPath.safe(next)).isEqualTo(next);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "companies",
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "/a\\b",
        "/a b",
        "/a\tb",
        "/é",
        "/login?next=/",
        "/logout",
        "/auth/callback"
      })
  void anything_else_goes_home(String next) {
    assertThat(NextPath.safe(next)).isEqualTo("/");
  }
}
