package com.whatsdex.channels;

import com.whatsdex.shared.Cidr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Where the server may send requests on a workspace's behalf. A Cloud API channel's Graph base URL is typed in by a
 * person, and the media URLs its Graph API answers with come from that server, so neither may reach the server's own
 * network: loopback, private (RFC 1918, IPv6 unique local), link-local (cloud metadata at 169.254.169.254), shared
 * (100.64/10), unspecified and multicast addresses are refused unless {@code whatsdex.channels.allowed-private-networks}
 * ({@code WHATSDEX_ALLOWED_PRIVATE_NETWORKS}, CIDRs such as {@code 10.1.0.0/16}) lists them. Sandbox channels are
 * exempt: the server sets their loopback URL itself and nobody can change it.
 *
 * <p>{@link #refusal} checks a URL early (when typed in, before a send) to give a clear answer; what keeps a request
 * out is {@link #resolveAllowed}, which {@link OutboundHttp} uses as its DNS resolver: the addresses checked are the
 * ones connected to, so a host name that answers a public address to the check and a loopback one a moment later
 * (DNS rebinding) is refused at connect time.
 */
@Component
public class OutboundAddresses {

    /** @param allowedPrivateNetworks CIDRs of private networks a Graph base URL may point to (tests, benchmarks) */
    @ConfigurationProperties("whatsdex.channels")
    public record Properties(@DefaultValue List<String> allowedPrivateNetworks) {}

    /** How host names become addresses: the system resolver in production; tests script the answers. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host whose addresses include one this server does not call; thrown where a connection would be made. */
    public static final class RefusedAddressException extends UnknownHostException {
        public RefusedAddressException(String message) {
            super(message);
        }
    }

    private final List<Cidr> allowed;
    private final Resolver resolver;

    @Autowired
    public OutboundAddresses(Properties properties) {
        this(properties, InetAddress::getAllByName);
    }

    public OutboundAddresses(Properties properties, Resolver resolver) {
        this.resolver = resolver;
        this.allowed = properties.allowedPrivateNetworks().stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(cidr -> Cidr.parse(cidr, "whatsdex.channels.allowed-private-networks"))
                .toList();
    }

    /** Why a request to {@code url} for {@code channel} may not be made, or empty when it may. */
    public Optional<String> refusal(ChannelCredentials channel, String url) {
        return channel.provider() == ChannelProvider.sandbox ? Optional.empty() : refusal(url);
    }

    /** Why a request to {@code url} may not be made, or empty when it may. Resolves the host name. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http(s) URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("has no host");
        }
        try {
            resolveAllowed(host);
            return Optional.empty();
        } catch (RefusedAddressException e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.empty(); // nothing to reach; the request fails on its own
        }
    }

    /**
     * Resolves {@code host} once and answers its addresses when every one may be called: the addresses to connect
     * to, already checked.
     *
     * @throws RefusedAddressException when one of them is internal and not allowed
     */
    public InetAddress[] resolveAllowed(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        for (InetAddress address : addresses) {
            if (internal(address) && allowed.stream().noneMatch(n -> n.contains(address))) {
                throw new RefusedAddressException("points to a private, loopback or link-local address (" + host
                        + "), which this server does not call");
            }
        }
        return addresses;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = a[0] & 0xff;
            int second = a[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // shared address space (carrier NAT)
                    || (first == 192 && second == 0 && (a[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            return (a[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }
}
