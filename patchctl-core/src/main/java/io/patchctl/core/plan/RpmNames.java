package io.patchctl.core.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates RPM package names before they may reach a package-manager command line. Only what RPM
 * names in practice use is accepted: letters, digits and {@code . _ + -}, not starting with
 * {@code -} or {@code .}. That excludes globs, options, spaces, and every shell metacharacter.
 */
public final class RpmNames {

    /** Longer names do not occur in RHEL; a bound keeps hostile input out of reports' size budget. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]*");

    private RpmNames() {
    }

    /** @return why {@code name} is not an acceptable RPM name, or empty when it is. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("empty package name");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("package name longer than " + MAX_LENGTH + " characters");
        }
        if (name.startsWith("-")) {
            return Optional.of("looks like a command-line option, not a package name");
        }
        if (NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && ".-_+".indexOf(c) < 0) {
                String shown = Character.isWhitespace(c) ? "whitespace" : Character.isISOControl(c)
                        ? String.format("control character U+%04X", (int) c) : "'" + c + "'";
                String kind = "*?[]{}".indexOf(c) >= 0 ? " (a glob)" : "";
                return Optional.of("not an RPM package name: contains " + shown + kind);
            }
        }
        return Optional.of("not an RPM package name: must start with a letter, digit, '_' or '+'");
    }

    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** RPM architectures dnf prints after a name ({@code openssl-libs.x86_64}). */
    public static final java.util.Set<String> ARCHES = java.util.Set.of("x86_64", "noarch", "i686", "aarch64", "ppc64le",
            "s390x", "src");

    /**
     * The one normalisation of a package reference for every plan parser (JSON and dnf command
     * lines): {@code openssl-libs.x86_64} names the package {@code openssl-libs}; anything else is
     * returned as given, for PolicyGuard to judge.
     */
    public static String withoutArch(String token) {
        if (token == null) {
            return null;
        }
        String t = token.strip();
        int dot = t.lastIndexOf('.');
        if (dot > 0 && ARCHES.contains(t.substring(dot + 1))) {
            return t.substring(0, dot);
        }
        return t;
    }
}
