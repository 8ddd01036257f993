package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one loopback rule, as a table: every host any copy of it ever disagreed on. */
class LoopbackTest {

  @ParameterizedTest(name = "{0} is loopback")
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.0.0.5",
        "127.10.20.30",
        "127.255.255.255",
        "127.0.0.0",
        "localhost",
        "LOCALHOST",
        "LocalHost",
        "[::1]",
        "::1"
      })
  void loopback_hosts(String host) {
    assertThat(Loopback.isLoopbackHost(host)).isTrue();
  }

  @ParameterizedTest(name = "{0} is not loopback")
  @ValueSource(
      strings = {
        "127.0.0.1.example.com",
        "127.0.0.1.evil.example",
        "localhost.example.com",
        "localhost.evil.example",
        "localhost.",
        "127.0.0.1.",
        "2130706433",
        "127.1",
        "127.0.1",
        "0x7f.0.0.1",
        "0177.0.0.1",
        "127.0.0.01",
        "127.256.0.1",
        "127.0.0.1000",
        "127.-1.0.1",
        "[::ffff:127.0.0.1]",
        "::ffff:127.0.0.1",
        "[0:0:0:0:0:0:0:1]",
        "[::2]",
        "128.0.0.1",
        "10.0.0.1",
        "0.0.0.0",
        "[::]",
        "example.com",
        "loopback",
        "",
        " 127.0.0.1",
        "127.0.0.1 "
      })
  void hosts_that_are_not_loopback(String host) {
    assertThat(Loopback.isLoopbackHost(host)).isFalse();
  }

  @ParameterizedTest(name = "{0} has a loopback host: {1}")
  @CsvSource({
    "http://127.0.0.1:8080/x, true",
    "http://[::1]:9/x, true",
    "http://LOCALHOST/x, true",
    "http://localhost./x, false",
    "http://127.0.0.1.example.com/x, false",
    "http://[::ffff:127.0.0.1]/x, false"
  })
  void hosts_as_uri_gives_them(String url, boolean loopback) {
    assertThat(Loopback.isLoopbackHost(URI.create(url).getHost())).isEqualTo(loopback);
  }

  @org.junit.jupiter.api.Test
  void no_host_is_not_loopback() {
    assertThat(Loopback.isLoopbackHost(null)).isFalse();
  }
}
