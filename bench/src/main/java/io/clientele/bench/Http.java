package io.clientele.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A lean HTTP/1.1 client: one keep-alive socket per client thread, requests written as bytes, responses parsed just
 * enough (status, Content-Length or chunked body). The load generator shares the 2 cores with the server and the
 * database, so its own cost per request matters: the JDK HttpClient spent 0.8–1.3 ms of CPU per request here, as much
 * as the server itself, which made the figures say more about the client than about the server. This one spends a few
 * microseconds. Every request carries the tenant's API key.
 */
final class Http {

    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private final String key;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    Http(String base, String key) {
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.key = key;
    }

    Response post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        return exchange(head, body, true);
    }

    /** Sends and discards the body (it is read, so the connection is reused). */
    int get(String path) throws IOException {
        String head = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + key
                + "\r\n\r\n";
        return exchange(head, null, false).status();
    }

    private Response exchange(String head, byte[] body, boolean keepBody) throws IOException {
        Connection connection = connections.get();
        if (connection == null || !connection.open) {
            connection = new Connection(host, port);
            connections.set(connection);
        }
        try {
            return connection.exchange(head.getBytes(StandardCharsets.ISO_8859_1), body, keepBody);
        } catch (IOException e) {
            // the server closed the connection (or it broke): drop it; the next request opens a new one
            connection.close();
            connections.remove();
            throw e;
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final StringBuilder line = new StringBuilder(128);
        private boolean open = true;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(300_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 65_536);
            out = socket.getOutputStream();
        }

        Response exchange(byte[] head, byte[] body, boolean keepBody) throws IOException {
            if (body == null || body.length < 16_384) {
                byte[] request = new byte[head.length + (body == null ? 0 : body.length)];
                System.arraycopy(head, 0, request, 0, head.length);
                if (body != null) {
                    System.arraycopy(body, 0, request, head.length, body.length);
                }
                out.write(request);
            } else {
                out.write(head);
                out.write(body);
            }
            out.flush();
            String status = readLine();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = readLine(); !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            ByteArrayOutputStream kept = keepBody ? new ByteArrayOutputStream() : null;
            if (chunked) {
                for (long size = Long.parseLong(readLine().split(";")[0].trim(), 16); size > 0;
                     size = Long.parseLong(readLine().split(";")[0].trim(), 16)) {
                    copy(size, kept);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                copy(length, kept);
            }
            if (close) {
                close();
            }
            return new Response(code, kept == null ? null : kept.toString(StandardCharsets.UTF_8));
        }

        private void copy(long length, ByteArrayOutputStream kept) throws IOException {
            byte[] buffer = new byte[(int) Math.min(length, 65_536)];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(left, buffer.length));
                if (read < 0) {
                    throw new EOFException("the response ended early");
                }
                if (kept != null) {
                    kept.write(buffer, 0, read);
                }
                left -= read;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            open = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket
            }
        }
    }
}
