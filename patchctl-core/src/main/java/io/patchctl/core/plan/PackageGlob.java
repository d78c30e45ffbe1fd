package io.patchctl.core.plan;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A package-name glob of a policy ({@code kernel*}, {@code dbus*}, {@code python3-?}). Only
 * {@code *} and {@code ?} are special; everything else matches itself.
 */
public final class PackageGlob {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._+*?-]{1,128}");

    private final String glob;
    private final Pattern pattern;

    private PackageGlob(String glob) {
        this.glob = glob;
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    /** @throws IllegalArgumentException naming the glob and the accepted form */
    public static PackageGlob of(String glob) {
        if (glob == null || !ALLOWED.matcher(glob).matches()) {
            throw new IllegalArgumentException("not a package-name glob (expected letters, digits, . _ + - and the"
                    + " wildcards * ?, 1-128 chars): '" + glob + "'");
        }
        return new PackageGlob(glob);
    }

    public boolean matches(String packageName) {
        return pattern.matcher(Objects.requireNonNull(packageName, "packageName")).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
