package io.patchctl.dnf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code name-[epoch:]version-release.arch} as dnf prints it. */
public record Nevra(String name, String epoch, String version, String release, String arch) {

    // name may contain '-'; version and release may not; the epoch is digits before ':'
    private static final Pattern FORM = Pattern.compile(
            "(?<name>[A-Za-z0-9_+][A-Za-z0-9._+-]*)-(?:(?<epoch>\\d+):)?(?<version>[^-:\\s]+)-(?<release>[^-:\\s]+)\\.(?<arch>[A-Za-z0-9_]+)");

    public static Optional<Nevra> parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String epoch = m.group("epoch");
        return Optional.of(new Nevra(m.group("name"), epoch == null || epoch.equals("0") ? "" : epoch,
                m.group("version"), m.group("release"), m.group("arch")));
    }

    /** {@code [epoch:]version-release}, epoch only when non-zero (dnf's form). */
    public String evr() {
        return (epoch.isEmpty() ? "" : epoch + ":") + version + "-" + release;
    }

    @Override
    public String toString() {
        return name + "-" + evr() + "." + arch;
    }
}
