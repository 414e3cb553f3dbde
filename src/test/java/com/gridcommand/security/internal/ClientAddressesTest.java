package com.gridcommand.security.internal;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which client a sign-in counts for: the connection's address, and X-Forwarded-For only as written by trusted proxies. */
class ClientAddressesTest {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) request.addHeader("X-Forwarded-For", header);
        return request;
    }

    @Test
    void withoutTrustedProxiesTheConnectionsAddressIsTheClientWhateverTheHeaderSays() {
        var clients = new ClientAddresses(List.of());
        assertThat(clients.of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightmostAddressNotAProxy() {
        var clients = new ClientAddresses(List.of("10.0.0.5", "10.1.0.0/16"));
        assertThat(clients.of(from("10.0.0.5", "198.51.100.1"))).isEqualTo("198.51.100.1");
        // What the client wrote itself (left) is not believed: the proxy appended the address it saw.
        assertThat(clients.of(from("10.0.0.5", "1.2.3.4, 198.51.100.1"))).isEqualTo("198.51.100.1");
        // Two trusted proxies in a row, in one header or several.
        assertThat(clients.of(from("10.0.0.5", "198.51.100.1, 10.1.2.3"))).isEqualTo("198.51.100.1");
        assertThat(clients.of(from("10.0.0.5", "198.51.100.1", "10.1.2.3"))).isEqualTo("198.51.100.1");
        // A proxy that forwards no header: the proxy is the client.
        assertThat(clients.of(from("10.0.0.5"))).isEqualTo("10.0.0.5");
        // From an untrusted address the header counts for nothing.
        assertThat(clients.of(from("10.2.0.1", "198.51.100.1"))).isEqualTo("10.2.0.1");
    }

    @Test
    void addressesAreKeyedPlainlyAndIpv6ByItsNetwork() {
        var clients = new ClientAddresses(List.of("10.0.0.5"));
        assertThat(clients.of(from("10.0.0.5", "[2001:db8:1:2::99]:443"))).isEqualTo("2001:db8:1:2::/64");
        assertThat(clients.of(from("2001:db8:1:2:aaaa::1"))).isEqualTo(clients.of(from("2001:db8:1:2:bbbb::2")));
        assertThat(clients.of(from("10.0.0.5", "198.51.100.1:51234"))).isEqualTo("198.51.100.1");
        assertThat(clients.of(from("::ffff:198.51.100.1"))).isEqualTo("198.51.100.1");
        // Not an address: never looked up, kept as a short key of its own.
        assertThat(clients.of(from("10.0.0.5", "evil.example.com"))).isEqualTo("evil.example.com");
        assertThat(ClientAddresses.literal("999.1.1.1")).isNull();
    }
}
