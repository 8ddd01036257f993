package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {

  /**
   * The one endpoint rule, as a table: what configuration, Graph, KnowBe4, notifications and PSAs
   * accept, and the one message each refusal gives. No message ever shows the URL (SECRET).
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://hooks.example/SECRET                 | ok",
        "HTTPS://hooks.example/SECRET                 | ok",
        "https://hooks.example/x?sig=SECRET           | ok",
        "http://127.0.0.1:8080/SECRET                 | ok",
        "http://127.0.0.5/SECRET                      | ok",
        "http://localhost/SECRET                      | ok",
        "http://LOCALHOST:1/SECRET                    | ok",
        "http://[::1]:9/SECRET                        | ok",
        "http://hooks.example/SECRET                  | must use https (plain http is accepted only for loopback hosts)",
        "http://127.0.0.1.example.com/SECRET          | must use https (plain http is accepted only for loopback hosts)",
        "http://localhost.example.com/SECRET          | must use https (plain http is accepted only for loopback hosts)",
        "http://[::ffff:127.0.0.1]/SECRET             | must use https (plain http is accepted only for loopback hosts)",
        "http://2130706433/SECRET                     | must use https (plain http is accepted only for loopback hosts)",
        "http://localhost./SECRET                     | must use https (plain http is accepted only for loopback hosts)",
        "http://127.1/SECRET                          | not an http(s) URL with a host",
        "http://0x7f.0.0.1/SECRET                     | not an http(s) URL with a host",
        "ftp://files.example/SECRET                   | not an http(s) URL with a host",
        "hooks.example/SECRET                         | not an http(s) URL with a host",
        "mailto:SECRET@example.com                    | not an http(s) URL with a host",
        "https:///SECRET                              | not an http(s) URL with a host",
        "https://bad host/SECRET                      | not a valid URL",
        "'   '                                        | missing (a URL is required)",
      })
  void the_endpoint_rule(String url, String expected) {
    String key = "notifications.webhooks[0].url";
    if (expected.equals("ok")) {
      assertThat(Urls.endpoint(url, key)).isEqualTo(URI.create(url.trim()));
      assertThat(Urls.checked(URI.create(url.trim()), key)).isEqualTo(URI.create(url.trim()));
    } else {
      assertThatThrownBy(() -> Urls.endpoint(url, key))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(key + ": " + expected)
          .hasMessageNotContaining("SECRET");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://graph.example          | https://graph.example",
        "https://graph.example/         | https://graph.example",
        "https://graph.example/v1//     | https://graph.example/v1",
        "http://127.0.0.1:9/scim/v2/    | http://127.0.0.1:9/scim/v2",
        "https://graph.example/?a=b     | k: must not carry a query or a fragment",
        "https://graph.example/#top     | k: must not carry a query or a fragment",
        "http://graph.example/          | k: must use https (plain http is accepted only for loopback hosts)",
      })
  void a_base_is_an_endpoint_without_query_fragment_or_trailing_slash(String url, String expected) {
    if (expected.startsWith("k: ")) {
      assertThatThrownBy(() -> Urls.checkedBase(URI.create(url), "k")).hasMessage(expected);
    } else {
      assertThat(Urls.checkedBase(URI.create(url), "k")).isEqualTo(URI.create(expected));
    }
  }

  @Test
  void an_https_url_is_taken_as_it_is_trimmed() {
    assertThat(Urls.endpoint("  https://hooks.example/path/SECRET/ ", "k"))
        .isEqualTo(URI.create("https://hooks.example/path/SECRET/"));
  }

  @Test
  void plain_http_is_accepted_for_loopback_hosts() {
    assertThat(Urls.endpoint("http://localhost:8080/x", "k").getPort()).isEqualTo(8080);
    assertThat(Urls.endpoint("http://127.0.0.1/x", "k").getHost()).isEqualTo("127.0.0.1");
    assertThat(Urls.endpoint("http://[::1]:9/x", "k").getHost()).isEqualTo("[::1]");
  }

  @Test
  void plain_http_elsewhere_is_refused_naming_the_key_but_not_the_url() {
    assertThatThrownBy(() -> Urls.endpoint("http://hooks.example/SECRET", "a.webhook_url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a.webhook_url: must use https (plain http is accepted only for loopback hosts)");
  }

  @Test
  void a_missing_blank_invalid_or_hostless_url_is_refused_naming_the_key() {
    assertThatThrownBy(() -> Urls.endpoint(null, "k")).hasMessage("k: missing (a URL is required)");
    assertThatThrownBy(() -> Urls.endpoint("  ", "k")).hasMessage("k: missing (a URL is required)");
    assertThatThrownBy(() -> Urls.endpoint("https://bad host/SECRET", "k"))
        .hasMessage("k: not a valid URL");
    assertThatThrownBy(() -> Urls.endpoint("ftp://files.example/SECRET", "k"))
        .hasMessage("k: not an http(s) URL with a host");
    assertThatThrownBy(() -> Urls.endpoint("hooks.example/SECRET", "k"))
        .hasMessage("k: not an http(s) URL with a host");
  }

  @Test
  void a_host_that_only_begins_like_loopback_is_not_loopback() {
    // The host rule itself is LoopbackTest's table.
    assertThatThrownBy(() -> Urls.endpoint("http://127.0.0.1.evil.example/", "k"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Urls.endpoint("http://[::ffff:127.0.0.1]/", "k"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_base_drops_one_trailing_slash_and_is_checked_like_an_endpoint() {
    assertThat(Urls.base("https://api.example/v4_6_release/apis/3.0/", "k"))
        .isEqualTo(URI.create("https://api.example/v4_6_release/apis/3.0"));
    assertThat(Urls.base("https://api.example/api", "k"))
        .isEqualTo(URI.create("https://api.example/api"));
    assertThatThrownBy(() -> Urls.base("http://api.example/", "psa.url"))
        .hasMessageStartingWith("psa.url: must use https");
  }

  @Test
  void join_takes_a_base_with_or_without_its_trailing_slash() {
    assertThat(Urls.join("https://graph.example/", "/v1.0/me"))
        .isEqualTo(URI.create("https://graph.example/v1.0/me"));
    assertThat(Urls.join("https://graph.example", "/v1.0/me"))
        .isEqualTo(URI.create("https://graph.example/v1.0/me"));
  }

  @Test
  void host_of_names_the_port_only_when_the_url_has_one() {
    assertThat(Urls.hostOf(URI.create("https://hooks.example/SECRET"))).isEqualTo("hooks.example");
    assertThat(Urls.hostOf(URI.create("http://127.0.0.1:8443/SECRET"))).isEqualTo("127.0.0.1:8443");
  }
}
