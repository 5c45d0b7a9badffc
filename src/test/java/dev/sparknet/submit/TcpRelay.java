package dev.sparknet.submit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A man in the middle on 127.0.0.1: every connection to {@link #port()} is relayed to {@code target}, and the
 * bytes the client sends are kept (up to a cap per connection), so a test can look at what travels on the wire.
 */
final class TcpRelay implements AutoCloseable {
    private static final int CAP = 8 << 20;

    private final ServerSocket server;
    private final int target;
    private final List<ByteArrayOutputStream> sent = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    TcpRelay(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "tcp-relay-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** What clients sent, one array per connection, in the order they connected. */
    List<byte[]> clientBytes() {
        List<byte[]> all = new ArrayList<>();
        for (ByteArrayOutputStream s : sent) {
            synchronized (s) {
                all.add(s.toByteArray());
            }
        }
        return all;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), target);
                sockets.add(client);
                sockets.add(upstream);
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                sent.add(record);
                pump(client.getInputStream(), upstream.getOutputStream(), record, client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), null, upstream, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, ByteArrayOutputStream record, Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[1 << 16];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (record != null) {
                        synchronized (record) {
                            if (record.size() < CAP) {
                                record.write(buffer, 0, Math.min(n, CAP - record.size()));
                            }
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(TcpRelay::closeQuietly);
    }
}
