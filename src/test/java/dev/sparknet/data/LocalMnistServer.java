package dev.sparknet.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sparknet.RealMnist;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP server on 127.0.0.1 (a free port) serving named byte arrays under /mnist/; anything else is
 * 404. Tests of the download never leave this machine.
 */
public final class LocalMnistServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files;
    private final Map<String, Integer> statuses = new LinkedHashMap<>();

    public LocalMnistServer(Map<String, byte[]> files) throws IOException {
        this.files = new LinkedHashMap<>(files);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The real canonical files from -Dsparknet.mnist.dir; skips the test when they are not there. */
    public static Map<String, byte[]> realFiles() throws IOException {
        Path dir = realDir();
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (MnistFile f : MnistFile.FILES) {
            out.put(f.name(), Files.readAllBytes(dir.resolve(f.name())));
        }
        return out;
    }

    public static Path realDir() {
        return RealMnist.required();
    }

    /** Answers requests for {@code name} with this status (and no body) instead of the file. */
    public LocalMnistServer status(String name, int status) {
        statuses.put(name, status);
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String name = path.startsWith("/mnist/") ? path.substring("/mnist/".length()) : "";
            byte[] body = files.get(name);
            Integer status = statuses.get(name);
            if (status != null) {
                exchange.sendResponseHeaders(status, -1);
            } else if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
