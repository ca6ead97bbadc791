package com.whatsdex.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives webhooks and only counts them: a stand-in for a server when measuring the sandbox alone, or where the
 * statuses of a run's sends should not reach the server. A plain HTTP/1.1 keep-alive loop on loopback, a virtual
 * thread per connection, answering every request 200 with no body: the JDK's HttpServer took most of a campaign
 * benchmark's own CPU answering the status webhooks of 2,000 sends/s, CPU the measured server then did not have.
 */
final class WebhookSink implements AutoCloseable {

    private static final byte[] OK =
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final ServerSocket server;
    private final Thread acceptor;
    final AtomicLong received = new AtomicLong();

    WebhookSink() throws IOException {
        server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().name("webhook-sink").start(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            while (true) {
                long length = -1;
                boolean closes = false;
                String requestLine;
                try {
                    requestLine = Http1.line(in);
                } catch (IOException e) {
                    return; // the client closed its connection between requests
                }
                if (requestLine.isEmpty()) {
                    continue;
                }
                for (String h = Http1.line(in); !h.isEmpty(); h = Http1.line(in)) {
                    int colon = h.indexOf(':');
                    String name = colon < 0 ? h : h.substring(0, colon).trim();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Long.parseLong(h.substring(colon + 1).trim());
                    } else if (name.equalsIgnoreCase("Connection")) {
                        closes = h.substring(colon + 1).trim().equalsIgnoreCase("close");
                    } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        throw new IOException("chunked requests are not expected here");
                    }
                }
                if (length > 0) {
                    in.skipNBytes(length);
                }
                received.incrementAndGet();
                out.write(OK);
                out.flush();
                if (closes) {
                    return;
                }
            }
        } catch (IOException e) {
            // a broken connection: the client sees it and retries, as it would with a server
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
