package io.patchctl.core.insights;

import io.patchctl.core.internal.hash.Sha256;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identifies "the same failure" across hosts: the error class plus the error line with everything
 * host- or run-specific taken out (instance ids, addresses, hashes, versions, sizes, pids, times).
 * A repository outage that fails 300 hosts gives one signature, hence one model call.
 */
public final class FailureSignature {

    private static final Pattern INSTANCE_ID = Pattern.compile("\\bi-[0-9a-f]{8,17}\\b");
    private static final Pattern UUID_OR_HASH = Pattern.compile("\\b[0-9a-fA-F]{8,}(?:-[0-9a-fA-F]{4,})*\\b");
    /** [epoch:]version-release before the arch of a NEVRA: curl-7.61.1-35.el8_9.x86_64 -> curl-<evr>.x86_64 */
    private static final Pattern EVR = Pattern.compile(
            "(?<=[A-Za-z0-9+_])-(?:\\d+:)?\\d[^\\s-]*-\\d[^\\s]*?\\.(noarch|x86_64|aarch64|i686|ppc64le|s390x|src)\\b");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private FailureSignature() {
    }

    /** The signature's hash, or empty when there is no error line to compare (such failures are not shared). */
    public static Optional<String> of(Classification classification) {
        String normalized = normalize(classification.errorLine());
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Sha256.hex(classification.errorClass().name() + "\n" + normalized).substring(0, 32));
    }

    /** The error line as it is compared: numbers become '#', ids and hashes '*'. */
    public static String normalize(String errorLine) {
        String s = errorLine == null ? "" : errorLine.strip();
        s = INSTANCE_ID.matcher(s).replaceAll("i-*");
        s = UUID_OR_HASH.matcher(s).replaceAll("*");
        s = EVR.matcher(s).replaceAll("-<evr>.$1");
        s = DIGITS.matcher(s).replaceAll("#");
        return SPACE.matcher(s).replaceAll(" ");
    }

}
