package com.whatsdex.config;

import com.whatsdex.shared.Cidr;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client's address behind a reverse proxy. Only when the TCP peer is one of
 * {@code whatsdex.security.trusted-proxies} is {@code X-Forwarded-For} read: its entries from the right, skipping
 * trusted proxies, and the first other one is the client (what the nearest trusted proxy saw; anything left of it
 * was written by the client and is ignored). A request from anyone else keeps its TCP peer, whatever headers it
 * sends, so a direct caller cannot choose the address it is throttled by. With no trusted proxies (the default)
 * the header is never read.
 *
 * <p>Tomcat's RemoteIpValve ({@code server.forward-headers-strategy=native}) does the same walk, but takes regular
 * expressions, and Spring Boot's default for them trusts every private network; a CIDR list that is empty unless
 * configured is harder to get wrong. It only changes {@code getRemoteAddr()}: scheme and host come from
 * {@code WHATSDEX_PUBLIC_URL}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ForwardedClientAddressFilter extends OncePerRequestFilter {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Cidr> trusted;

    ForwardedClientAddressFilter(SecurityProperties properties) {
        this.trusted = properties.trustedProxies().stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(cidr -> Cidr.parse(cidr, "whatsdex.security.trusted-proxies"))
                .toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return trusted.isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = clientAddress(request.getRemoteAddr(), Collections.list(headers(request)));
        if (client.equals(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRemoteAddr() {
                        return client;
                    }

                    @Override
                    public String getRemoteHost() {
                        return client;
                    }
                },
                response);
    }

    private static Enumeration<String> headers(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("X-Forwarded-For");
        return values == null ? Collections.emptyEnumeration() : values;
    }

    /** The client's address for a request from {@code peer} carrying these X-Forwarded-For header values. */
    String clientAddress(String peer, List<String> forwardedFor) {
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                return client; // not an address ("unknown", a forged name): the last trusted hop answers for it
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(client)) {
                return client;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        Optional<InetAddress> parsed = literal(address);
        return parsed.isPresent() && trusted.stream().anyMatch(c -> c.contains(parsed.get()));
    }

    /** An IP literal, never a DNS lookup; IPv6 may come in brackets. */
    private static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // only literals reach getByName, which then parses them without a lookup (a host name has no ':')
        if (!IPV4.matcher(bare).matches()
                && !(bare.contains(":") && IPV6.matcher(bare).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }
}
