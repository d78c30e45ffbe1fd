package io.patchctl.cli.fleetreport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's chromium driven over the Chrome DevTools Protocol (Java's own HttpClient WebSocket, no
 * driver to install): open a page at a viewport, evaluate JavaScript, click and type as input events,
 * measure the page, take full-page screenshots, and collect console messages, exceptions and CSP
 * reports. Protocol: https://chromedevtools.github.io/devtools-protocol/ (Target.attachToTarget with
 * flatten=true routes commands by sessionId over the browser's one socket). Missing chromium fails
 * naming the tool ({@link HeadlessChromium#find}).
 */
final class CdpBrowser implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private String session;

    CdpBrowser(Path workDir) throws Exception {
        Path profile = Files.createTempDirectory(Files.createDirectories(workDir), "cdp-profile-");
        List<String> cmd = new ArrayList<>(List.of(HeadlessChromium.find(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank"));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        // chromium writes "port\n/devtools/browser/<id>" once it listens
        Path portFile = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chromium exited " + process.exitValue() + ": "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("chromium wrote no DevToolsActivePort within " + TIMEOUT);
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        List<String> lines = Files.readAllLines(portFile);
        URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(ws, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String target = call("Target.createTarget", Json.mapper().createObjectNode().put("url", "about:blank"))
                .get("targetId").asText();
        session = call("Target.attachToTarget", Json.mapper().createObjectNode().put("targetId", target).put("flatten", true))
                .get("sessionId").asText();
        call("Page.enable", null);
        call("Runtime.enable", null);
        call("Log.enable", null);
    }

    /** Opens the file at a viewport of width × height CSS pixels and waits for its load event. */
    void open(Path html, int width, int height, boolean mobile) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Json.mapper().createObjectNode().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", mobile));
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        awaited.put("Page.loadEventFired", loaded);
        call("Page.navigate", Json.mapper().createObjectNode().put("url", html.toUri().toString()));
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The value of a JavaScript expression (returned by value); an exception in the page fails. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Json.mapper().createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("page threw on " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A real mouse click (pressed and released) at the centre of the first element the selector finds. */
    void click(String selector) throws Exception {
        JsonNode box = eval("(function(){var e=document.querySelector(" + Json.mapper().writeValueAsString(selector)
                + ");if(!e)return null;e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                + "return {x:r.left+r.width/2,y:r.top+r.height/2};})()");
        if (box.isNull() || box.isMissingNode()) {
            throw new IllegalStateException("nothing to click at " + selector);
        }
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            call("Input.dispatchMouseEvent", Json.mapper().createObjectNode().put("type", type).put("x", box.get("x").asDouble())
                    .put("y", box.get("y").asDouble()).put("button", "left").put("clickCount", 1));
        }
    }

    /** Types text into the focused element, as a keyboard's input would (fires input events). */
    void type(String text) throws Exception {
        call("Input.insertText", Json.mapper().createObjectNode().put("text", text));
    }

    /** A PNG of the whole page (not just the viewport) at the current width. */
    void screenshot(Path png) throws Exception {
        JsonNode size = eval("({w:document.documentElement.clientWidth,h:document.documentElement.scrollHeight})");
        ObjectNode clip = Json.mapper().createObjectNode().put("x", 0).put("y", 0).put("width", size.get("w").asInt())
                .put("height", size.get("h").asInt()).put("scale", 1);
        ObjectNode params = Json.mapper().createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        byte[] bytes = Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").asText());
        Files.createDirectories(png.getParent());
        Files.write(png, bytes);
    }

    /** Console messages, log entries (CSP violations arrive as "security" entries) and uncaught exceptions so far. */
    List<String> messages() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            switch (e.path("method").asText()) {
                case "Log.entryAdded" -> out.add("log/" + e.at("/params/entry/source").asText() + "/"
                        + e.at("/params/entry/level").asText() + ": " + e.at("/params/entry/text").asText());
                case "Runtime.consoleAPICalled" -> out.add("console/" + e.at("/params/type").asText() + ": "
                        + e.at("/params/args").toString());
                case "Runtime.exceptionThrown" -> out.add("exception: " + e.at("/params/exceptionDetails").toString());
                default -> { }
            }
        }
        return out;
    }

    void clearMessages() {
        events.clear();
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = Json.mapper().createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", params);
        }
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(Json.mapper().writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException ignored) {
            // the browser is killed next anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode msg = Json.mapper().readTree(text);
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        events.add(msg);
                        CompletableFuture<JsonNode> f = awaited.remove(msg.path("method").asText());
                        if (f != null) {
                            f.complete(msg);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
            }
            ws.request(1);
            return null;
        }
    }
}
