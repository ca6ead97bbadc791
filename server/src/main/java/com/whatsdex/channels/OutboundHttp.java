package com.whatsdex.channels;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The HTTP client for URLs a workspace supplies (a Cloud API channel's Graph base URL and the media URLs its Graph
 * API answers with). Its DNS resolver is {@link OutboundAddresses#resolveAllowed}: the address a connection is made
 * to is the one that was checked, in the same lookup, so DNS rebinding between a check and the request cannot reach
 * the server's own network. (The JDK's {@code HttpClient} resolves names itself and offers no such hook.) Sandbox
 * channels, whose loopback URL the server sets, go through a client with the system resolver.
 *
 * <p>Redirects are not followed and nothing is retried: callers decide, hop by hop. Failures keep the JDK client's
 * meaning, which the callers rely on: {@link ConnectException} (or {@link OutboundAddresses.RefusedAddressException},
 * or {@link HttpConnectTimeoutException}) when no connection was made, so nothing was sent;
 * {@link HttpTimeoutException} when the answer did not come in time; another {@link IOException} when the exchange
 * broke.
 */
@Component
public class OutboundHttp implements AutoCloseable {

    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);

    private final CloseableHttpClient checked;
    private final CloseableHttpClient sandbox;

    public OutboundHttp(OutboundAddresses addresses) {
        this.checked = client(new SystemDefaultDnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return addresses.resolveAllowed(host);
            }
        });
        this.sandbox = client(SystemDefaultDnsResolver.INSTANCE);
    }

    private static CloseableHttpClient client(SystemDefaultDnsResolver dns) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dns)
                        // campaigns send to one Graph host from many lanes at once: no small per-host cap
                        .setMaxConnPerRoute(1_000)
                        .setMaxConnTotal(2_000)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(CONNECT_TIMEOUT)
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                // Graph answers are small JSON and media is already compressed: no Accept-Encoding to negotiate
                .disableContentCompression()
                .build();
    }

    /** An answer; close it (which discards the connection when the body was not read to its end). */
    public static final class Response implements Closeable {
        private final HttpUriRequestBase request;
        private final CloseableHttpResponse response;
        private final InputStream body;
        private boolean ended;

        private Response(HttpUriRequestBase request, CloseableHttpResponse response) throws IOException {
            this.request = request;
            this.response = response;
            HttpEntity entity = response.getEntity();
            InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
            this.body = new FilterInputStream(content) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    ended |= b == -1;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    ended |= n == -1;
                    return n;
                }
            };
        }

        public int status() {
            return response.getCode();
        }

        public @Nullable String header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        /** The declared length of the body, or -1. */
        public long contentLength() {
            HttpEntity entity = response.getEntity();
            return entity == null ? 0 : entity.getContentLength();
        }

        public InputStream body() {
            return body;
        }

        public byte[] bodyBytes() throws IOException {
            return body.readAllBytes();
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                request.cancel(); // rather than read a large unread rest just to keep the connection
            }
            response.close();
        }
    }

    /**
     * Sends one request to a channel's Graph server (or where it points).
     *
     * @param timeout the longest wait for the answer (and between two parts of its body)
     * @param body sent as {@code contentType} when not null
     */
    public Response exchange(
            ChannelCredentials channel,
            String method,
            URI uri,
            Map<String, String> headers,
            byte @Nullable [] body,
            @Nullable String contentType,
            Duration timeout)
            throws IOException {
        CloseableHttpClient client = channel.provider() == ChannelProvider.sandbox ? sandbox : checked;
        return exchange(client, method, uri, headers, body, contentType, timeout);
    }

    /** {@link #exchange(ChannelCredentials, String, URI, Map, byte[], String, Duration)} for a URL a person typed in. */
    public Response exchange(
            String method,
            URI uri,
            Map<String, String> headers,
            byte @Nullable [] body,
            @Nullable String contentType,
            Duration timeout)
            throws IOException {
        return exchange(checked, method, uri, headers, body, contentType, timeout);
    }

    private static Response exchange(
            CloseableHttpClient client,
            String method,
            URI uri,
            Map<String, String> headers,
            byte @Nullable [] body,
            @Nullable String contentType,
            Duration timeout)
            throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(
                    body, contentType == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.parse(contentType)));
        }
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .build());
        try {
            return new Response(request, client.execute(request));
        } catch (OutboundAddresses.RefusedAddressException e) {
            throw e;
        } catch (UnknownHostException e) {
            throw new ConnectException("Unknown host " + uri.getHost());
        } catch (ConnectTimeoutException e) {
            throw new HttpConnectTimeoutException(
                    "Could not connect to " + uri.getHost() + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (SocketTimeoutException e) {
            throw new HttpTimeoutException("No answer from " + uri.getHost() + " within " + timeout.toSeconds() + " s");
        }
    }

    @Override
    public void close() throws IOException {
        checked.close();
        sandbox.close();
    }
}
