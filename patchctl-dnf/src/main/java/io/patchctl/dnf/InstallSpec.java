package io.patchctl.dnf;

import io.patchctl.core.plan.RpmNames;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What may follow {@code dnf upgrade -y --}: a package name ({@link RpmNames}), or one exact build
 * {@code name-[epoch:]version-release.arch} so that a ring installs the EVR its previous ring proved
 * rather than the newest the repository offers (dnf resolves a NEVRA argument to exactly that build).
 * A build may contain only what RPM versions use: no globs, no spaces, no shell syntax.
 */
final class InstallSpec {

    /** RPM's version and release characters (rpmvercmp: alphanumerics, '.', '_', '+', '~', '^'), plus the separators. */
    private static final Pattern BUILD_CHARS = Pattern.compile("[A-Za-z0-9._+~^:-]+");

    private InstallSpec() {
    }

    static Optional<String> problem(String spec) {
        Optional<String> asName = RpmNames.problem(spec);
        if (asName.isEmpty()) {
            return asName;
        }
        if (spec == null || spec.length() > 2 * RpmNames.MAX_LENGTH || !BUILD_CHARS.matcher(spec).matches()) {
            return asName;
        }
        Optional<Nevra> nevra = Nevra.parse(spec);
        if (nevra.isEmpty() || !RpmNames.ARCHES.contains(nevra.get().arch())) {
            return asName;
        }
        return RpmNames.problem(nevra.get().name()).map(p -> "not a package build name-[epoch:]version-release.arch: " + p);
    }
}
