package io.patchctl.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A loopback stand-in for the few S3 and Bedrock calls of one analysis (GetObject, PutObject with or
 * without If-None-Match, ListObjectsV2, DeleteObject, InvokeModel), so SnapStart priming can send
 * requests through the real SDK client stack (signing, marshalling, HTTP, XML/JSON parsing) before the
 * snapshot. Every answer says {@code Connection: close}: no connection outlives priming in the
 * JDK's keep-alive cache, so none is restored into a snapshot.
 */
final class PrimingStub implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final byte[] modelReply;

    private PrimingStub(HttpServer server, String modelReply) {
        this.server = server;
        this.modelReply = modelReply.getBytes(StandardCharsets.UTF_8);
    }

    /** Listens on 127.0.0.1 (an ephemeral port); the model answers {@code modelReply} (an Anthropic Messages body). */
    static PrimingStub start(String modelReply) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        PrimingStub stub = new PrimingStub(server, modelReply);
        server.createContext("/", stub::handle);
        server.start();
        return stub;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = decode(ex, ex.getRequestBody().readAllBytes());
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if ("POST".equals(method) && path.startsWith("/model/")) {
                answer(ex, 200, "application/json", modelReply);
            } else if ("GET".equals(method) && String.valueOf(ex.getRequestURI().getRawQuery()).contains("list-type=2")) {
                answer(ex, 200, "application/xml", list(path.substring(1), query(ex, "prefix")));
            } else if ("GET".equals(method)) {
                byte[] stored = objects.get(path);
                if (stored == null) {
                    answer(ex, 404, "application/xml", error("NoSuchKey"));
                } else {
                    answer(ex, 200, "application/octet-stream", stored);
                }
            } else if ("PUT".equals(method)) {
                put(ex, path, body);
            } else if ("DELETE".equals(method)) {
                objects.remove(path);
                answer(ex, 204, null, new byte[0]);
            } else {
                answer(ex, 405, "application/xml", error("MethodNotAllowed"));
            }
        }
    }

    private void put(HttpExchange ex, String path, byte[] body) throws IOException {
        boolean ifAbsent = "*".equals(ex.getRequestHeaders().getFirst("If-None-Match"));
        if (ifAbsent && objects.containsKey(path)) {
            answer(ex, 412, "application/xml", error("PreconditionFailed"));
            return;
        }
        objects.put(path, body);
        ex.getResponseHeaders().add("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
        answer(ex, 200, null, new byte[0]);
    }

    private byte[] list(String bucket, String prefix) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult>")
                .append("<Name>").append(bucket).append("</Name><Prefix>").append(escape(prefix)).append("</Prefix>")
                .append("<IsTruncated>false</IsTruncated>");
        int count = 0;
        String objectPrefix = "/" + bucket + "/" + prefix;
        for (String key : objects.keySet()) {
            if (key.startsWith(objectPrefix)) {
                xml.append("<Contents><Key>").append(escape(key.substring(bucket.length() + 2))).append("</Key><Size>0</Size></Contents>");
                count++;
            }
        }
        return xml.append("<KeyCount>").append(count).append("</KeyCount></ListBucketResult>").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The payload of an {@code aws-chunked} body (the SDK's streaming upload with a trailing checksum):
     * {@code <hex size>[;chunk-signature=…]\r\n<data>\r\n} chunks up to a zero-size one; else the body as sent.
     */
    static byte[] decode(HttpExchange ex, byte[] raw) {
        String encoding = String.valueOf(ex.getRequestHeaders().getFirst("Content-Encoding"));
        if (!encoding.contains("aws-chunked") && ex.getRequestHeaders().getFirst("x-amz-decoded-content-length") == null) {
            return raw;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pos = 0;
        while (pos < raw.length) {
            int lineEnd = indexOfCrlf(raw, pos);
            if (lineEnd < 0) {
                break;
            }
            String header = new String(raw, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(raw, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String query(HttpExchange ex, String name) {
        String raw = ex.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static byte[] error(String code) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void answer(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        ex.getResponseHeaders().add("Connection", "close");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
