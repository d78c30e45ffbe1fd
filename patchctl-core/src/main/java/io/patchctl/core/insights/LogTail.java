package io.patchctl.core.insights;

import java.nio.charset.StandardCharsets;

/**
 * The bounded end of a log: what a person (or a model) needs is the last error, not the download
 * progress before it. Redaction happens on a wider window first, so a secret cut in half by the
 * window edge cannot slip through.
 */
public final class LogTail {

    /** About 8 KB of context: enough for dnf's error summary, small enough for a prompt. */
    public static final int DEFAULT_MAX_BYTES = 8 * 1024;

    private LogTail() {
    }

    /** The redacted last {@code maxBytes} of {@code text}, starting at a line boundary when it was cut. */
    public static String redactedTail(String text, int maxBytes) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String wide = tail(text, maxBytes * 4);
        return tail(Redactor.redact(wide), maxBytes);
    }

    /** The last {@code maxBytes} (UTF-8) of the text; when cut, the partial first line is dropped and marked. */
    public static String tail(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return text;
        }
        String cut = new String(bytes, bytes.length - maxBytes, maxBytes, StandardCharsets.UTF_8);
        int newline = cut.indexOf('\n');
        if (newline >= 0 && newline < cut.length() - 1) {
            cut = cut.substring(newline + 1);
        }
        // A partial UTF-8 sequence at the cut decodes to U+FFFD; drop it.
        if (!cut.isEmpty() && cut.charAt(0) == '\uFFFD') {
            cut = cut.substring(1);
        }
        return "[... " + (bytes.length - cut.getBytes(StandardCharsets.UTF_8).length) + " earlier bytes omitted]\n" + cut;
    }
}
