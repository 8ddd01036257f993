package io.kb4sync.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyAddressesTest {

  @Test
  void addresses_and_cidr_ranges_of_both_families_match_what_they_cover_only() {
    ProxyAddresses proxies =
        ProxyAddresses.parse(List.of("127.0.0.1", "10.0.0.0/8", "192.168.1.128/25", "fd00::/8"));

    assertThat(proxies.contains("127.0.0.1")).isTrue();
    assertThat(proxies.contains("127.0.0.2")).isFalse();
    assertThat(proxies.contains("10.255.1.2")).isTrue();
    assertThat(proxies.contains("11.0.0.1")).isFalse();
    assertThat(proxies.contains("192.168.1.200")).isTrue();
    assertThat(proxies.contains("192.168.1.100")).isFalse();
    assertThat(proxies.contains("fd12:3456::1")).isTrue();
    assertThat(proxies.contains("fe80::1")).isFalse();
  }

  @Test
  void a_host_name_is_neither_taken_in_the_list_nor_matched() {
    assertThatThrownBy(() -> ProxyAddresses.parse(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an IP address or CIDR range (host names are not taken): proxy.internal");
    assertThatThrownBy(() -> ProxyAddresses.parse(List.of("10.0.0.0/33")))
        .hasMessageContaining("a CIDR prefix longer than the address");
    assertThat(ProxyAddresses.parse(List.of("127.0.0.1")).contains("localhost")).isFalse();
    assertThat(ProxyAddresses.parse(List.of()).contains("127.0.0.1")).isFalse();
  }

  @Test
  void a_forwarded_hop_is_taken_as_an_address_without_its_port_and_never_as_a_name() {
    assertThat(ClientRequest.literal("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(ClientRequest.literal("203.0.113.7:51234")).isEqualTo("203.0.113.7");
    assertThat(ClientRequest.literal("[2001:db8::1]:51234")).isEqualTo("2001:db8::1");
    assertThat(ClientRequest.literal("[2001:db8::1]")).isEqualTo("2001:db8::1");
    assertThat(ClientRequest.literal("2001:db8::1")).isEqualTo("2001:db8::1");
    assertThat(ClientRequest.literal("cafe.be")).isNull();
    assertThat(ClientRequest.literal("proxy.internal")).isNull();
    assertThat(ClientRequest.literal("unknown")).isNull();
    assertThat(ClientRequest.literal("[cafe.be]:80")).isNull();
  }
}
