package io.patchctl.lab;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One RPM the lab builds: name, [epoch:]version-release, arch, and optional behaviour.
 *
 * @param failingPre the package's {@code %pre} scriptlet exits 1: dnf's test transaction passes, the real one fails
 * @param provides   extra Provides (kernel packages get {@code installonlypkg(kernel)} automatically)
 * @param files      files the package installs, absolute path to one line of text (e.g. a config a
 *                   health check reads); empty for most lab packages
 */
public record LabRpm(String name, int epoch, String version, String release, String arch, boolean failingPre,
                     List<String> provides, java.util.Map<String, String> files) {

    /** Paths and contents the spec can carry without quoting: no rpm macros, no shell or here-doc syntax. */
    private static final Pattern FILE_PATH = Pattern.compile("(/[A-Za-z0-9._-]+)+");
    private static final Pattern FILE_TEXT = Pattern.compile("[A-Za-z0-9 .,:=_-]*");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]*");
    private static final Pattern VR = Pattern.compile("[A-Za-z0-9._+~^]+");

    public LabRpm {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an RPM name: '" + name + "'");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + name);
        }
        if (version == null || !VR.matcher(version).matches() || release == null || !VR.matcher(release).matches()) {
            throw new IllegalArgumentException("bad version/release for " + name + ": '" + version + "-" + release + "'");
        }
        if (!"x86_64".equals(arch) && !"noarch".equals(arch)) {
            throw new IllegalArgumentException("the lab builds x86_64 and noarch packages only, not '" + arch + "' (" + name + ")");
        }
        provides = provides == null ? List.of() : List.copyOf(provides);
        files = files == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(files));
        files.forEach((path, text) -> {
            if (!FILE_PATH.matcher(path).matches() || path.contains("/..") || !FILE_TEXT.matcher(text).matches()) {
                throw new IllegalArgumentException("lab file must be an absolute plain path with one line of plain text: "
                        + path + " = '" + text + "'");
            }
        });
    }

    /** @param evr {@code [epoch:]version-release}, e.g. {@code 1:1.1.1k-2.el8} */
    public static LabRpm of(String name, String evr, String arch) {
        int colon = evr.indexOf(':');
        int epoch = colon < 0 ? 0 : Integer.parseInt(evr.substring(0, colon));
        String vr = evr.substring(colon + 1);
        int dash = vr.lastIndexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("expected [epoch:]version-release, got '" + evr + "'");
        }
        return new LabRpm(name, epoch, vr.substring(0, dash), vr.substring(dash + 1), arch, false, List.of(), null);
    }

    public LabRpm withFailingPre() {
        return new LabRpm(name, epoch, version, release, arch, true, provides, files);
    }

    public LabRpm withProvides(String... extra) {
        return new LabRpm(name, epoch, version, release, arch, failingPre, List.of(extra), files);
    }

    /** This package also installs {@code path} holding {@code text} (one line). */
    public LabRpm withFile(String path, String text) {
        java.util.Map<String, String> more = new java.util.TreeMap<>(files);
        more.put(path, text);
        return new LabRpm(name, epoch, version, release, arch, failingPre, provides, more);
    }

    /**
     * The record's usual form, {@code files} only when there are some: lab fingerprints (the build cache
     * keys, see LabSpec) of packages without files stay what they were before files existed.
     */
    @Override
    public String toString() {
        return "LabRpm[name=" + name + ", epoch=" + epoch + ", version=" + version + ", release=" + release + ", arch=" + arch
                + ", failingPre=" + failingPre + ", provides=" + provides + (files.isEmpty() ? "" : ", files=" + files) + "]";
    }

    /** {@code [epoch:]version-release} as dnf prints it (epoch only when non-zero). */
    public String evr() {
        return (epoch == 0 ? "" : epoch + ":") + version + "-" + release;
    }

    /** {@code name-[epoch:]version-release.arch}, the form dnf prints. */
    public String nevra() {
        return name + "-" + evr() + "." + arch;
    }

    /** The file name rpmbuild gives it (no epoch). */
    public String fileName() {
        return name + "-" + version + "-" + release + "." + arch + ".rpm";
    }

    boolean installOnly() {
        return name.equals("kernel") || name.startsWith("kernel-core") || name.startsWith("kernel-modules")
                || name.equals("kernel-rt");
    }
}
