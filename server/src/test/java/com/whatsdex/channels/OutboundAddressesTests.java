package com.whatsdex.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rule for URLs a person supplies (a Cloud API channel's Graph base URL and the media URLs it answers with). */
class OutboundAddressesTests {

    private static final OutboundAddresses DEFAULT = new OutboundAddresses(new OutboundAddresses.Properties(List.of()));

    @Test
    void refusesLoopbackPrivateLinkLocalAndOtherInternalAddressesInEverySpelling() {
        for (String url : List.of(
                "http://127.0.0.1:8080/v21.0",
                "http://127.1/v21.0",
                "http://2130706433/v21.0", // 127.0.0.1 as one number
                "http://localhost:8080/",
                "http://[::1]:8080/",
                "http://[::ffff:127.0.0.1]/",
                "http://0.0.0.0:8080/",
                "http://[::]/",
                "http://10.0.0.5/",
                "http://172.16.3.4/",
                "http://192.168.1.1/",
                "http://169.254.169.254/latest/meta-data/", // cloud metadata
                "http://100.64.0.1/",
                "http://[fd12:3456::1]/",
                "http://[fe80::1]/",
                "http://224.0.0.1/",
                "http://255.255.255.255/")) {
            // "127.1" is no valid host name for java.net.URI, so it has no host at all: refused either way
            assertThat(DEFAULT.refusal(url)).as(url).isPresent();
        }
    }

    @Test
    void saysWhyAnInternalAddressIsRefused() {
        assertThat(DEFAULT.refusal("http://169.254.169.254/latest/meta-data/"))
                .hasValue("points to a private, loopback or link-local address (169.254.169.254), which this server"
                        + " does not call");
    }

    @Test
    void allowsPublicAddresses() {
        for (String url : List.of(
                "https://157.240.1.35/v21.0", "http://8.8.8.8/", "https://[2a03:2880:f10c:83:face:b00c:0:25de]/")) {
            assertThat(DEFAULT.refusal(url)).as(url).isEmpty();
        }
    }

    @Test
    void refusesWhatIsNotAnHttpUrl() {
        assertThat(DEFAULT.refusal("ftp://8.8.8.8/")).hasValue("must be an http(s) URL");
        assertThat(DEFAULT.refusal("file:///etc/passwd")).isPresent();
        assertThat(DEFAULT.refusal("http:///nohost")).isPresent();
        assertThat(DEFAULT.refusal("http://exa mple.com/")).isPresent();
    }

    @Test
    void allowsOnlyTheConfiguredPrivateNetworks() {
        var guard = new OutboundAddresses(new OutboundAddresses.Properties(List.of("10.1.0.0/16", " ", "fd00::/8")));

        assertThat(guard.refusal("http://10.1.200.3/")).isEmpty();
        assertThat(guard.refusal("http://[fd00::7]/")).isEmpty();
        assertThat(guard.refusal("http://10.2.0.1/")).isPresent();
        assertThat(guard.refusal("http://127.0.0.1/")).isPresent();
        assertThatThrownBy(() -> new OutboundAddresses(new OutboundAddresses.Properties(List.of("10.0.0.0/99"))))
                .hasMessageContaining("allowed-private-networks");
    }

    @Test
    void sandboxChannelsAreExemptBecauseTheServerSetsTheirLoopbackUrl() {
        String url = "http://127.0.0.1:8080/sandbox/graph/v21.0";
        var sandbox = new ChannelCredentials(UUID.randomUUID(), ChannelProvider.sandbox, url, "1", "t", 80);
        var cloud = new ChannelCredentials(UUID.randomUUID(), ChannelProvider.whatsapp_cloud, url, "1", "t", 80);

        assertThat(DEFAULT.refusal(sandbox, url)).isEmpty();
        assertThat(DEFAULT.refusal(cloud, url)).isPresent();
    }
}
