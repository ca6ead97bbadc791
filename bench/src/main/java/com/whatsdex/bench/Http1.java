package com.whatsdex.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A small blocking HTTP/1.1 client for one loopback server, for the load generator: keep-alive connections in a pool,
 * one request at a time per connection, run on virtual threads. The JDK's {@code HttpClient} spent most of the load
 * generator's CPU (0.56 of a core for 1,000 webhooks/s) on its asynchronous machinery, CPU the server it measures
 * then did not have on this 2-core machine. Nothing is retried: a broken exchange is the caller's error.
 */
final class Http1 implements AutoCloseable {

    /** An answer read to its end. */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final InetSocketAddress address;
    private final String hostHeader;
    private final int timeoutMillis;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

    /** @param baseUrl {@code http://host:port} */
    Http1(String baseUrl, int timeoutMillis) {
        URI uri = URI.create(baseUrl);
        this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
        this.hostHeader = uri.getHost() + ":" + uri.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    Answer get(String path, Map<String, String> headers) throws IOException {
        return exchange("GET", path, headers, null);
    }

    Answer post(String path, Map<String, String> headers, byte[] body) throws IOException {
        return exchange("POST", path, headers, body);
    }

    private Answer exchange(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        Connection c = idle.poll();
        if (c == null) {
            c = new Connection(open(timeoutMillis));
        }
        boolean keep = false;
        try {
            c.write(method, path, hostHeader, headers, body);
            Head head = Head.read(c.in);
            byte[] content = head.readBody(c.in);
            keep = !head.closes;
            return new Answer(head.status, content);
        } finally {
            if (keep) {
                idle.add(c);
            } else {
                c.socket.close();
            }
        }
    }

    /**
     * A {@code GET} whose answer is read as it arrives (server-sent events): its status and its body, de-chunked.
     * Closing the stream closes the connection.
     */
    Streamed stream(String path, Map<String, String> headers) throws IOException {
        Connection c = new Connection(open(0)); // no read timeout: a quiet stream is not a broken one
        try {
            c.write("GET", path, hostHeader, headers, null);
            Head head = Head.read(c.in);
            InputStream body = head.chunked ? new Chunked(c.in) : c.in;
            return new Streamed(head.status, body, c.socket);
        } catch (IOException | RuntimeException e) {
            c.socket.close();
            throw e;
        }
    }

    /** A streamed answer: close it to end the exchange. */
    record Streamed(int status, InputStream body, Socket socket) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Socket open(int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 10_000);
        socket.setSoTimeout(readTimeoutMillis);
        return socket;
    }

    @Override
    public void close() {
        for (Connection c; (c = idle.poll()) != null; ) {
            try {
                c.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        void write(String method, String path, String host, Map<String, String> headers, byte[] body)
                throws IOException {
            StringBuilder head = new StringBuilder(256)
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
        }
    }

    /** A response's status line and the headers that say how its body is framed and whether the connection stays. */
    private record Head(int status, long length, boolean chunked, boolean closes) {

        static Head read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1 answer: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = statusLine.startsWith("HTTP/1.0");
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closes = value.equalsIgnoreCase("close");
                }
            }
            boolean empty = status == 204 || status == 304 || status / 100 == 1;
            return new Head(
                    status, empty ? 0 : length, chunked && !empty, closes || (!chunked && length < 0 && !empty));
        }

        byte[] readBody(InputStream in) throws IOException {
            if (chunked) {
                return new Chunked(in).readAllBytes();
            }
            if (length >= 0) {
                return in.readNBytes((int) length);
            }
            return in.readAllBytes(); // delimited by the connection's end
        }
    }

    /** One CRLF-terminated line of a response head (ISO-8859-1), without its terminator. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed in a response head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** The content of a chunked body; ends after the last chunk (and its trailers). */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        private boolean more() throws IOException {
            if (done) {
                return false;
            }
            if (left == 0) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (left == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            if (!more()) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in a chunk");
            }
            if (--left == 0) {
                line(in); // the chunk's CRLF
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!more()) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw new EOFException("connection closed in a chunk");
            }
            left -= n;
            if (left == 0) {
                line(in); // the chunk's CRLF
            }
            return n;
        }
    }
}
