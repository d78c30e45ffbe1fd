package io.patchctl.lab;

import java.util.List;

/**
 * Writes one rpmbuild spec that produces many packages as subpackages (each with its own
 * epoch/version/release): one rpmbuild run per "generation" of the lab instead of one per package.
 */
final class SpecWriter {

    private SpecWriter() {
    }

    static String spec(String buildName, List<LabRpm> rpms) {
        StringBuilder s = new StringBuilder();
        s.append("Name: ").append(buildName).append("\nVersion: 1\nRelease: 1\nSummary: patchctl lab build\n")
                .append("License: MIT\nBuildArch: x86_64\n%description\npatchctl lab build\n\n");
        if (rpms.stream().anyMatch(r -> !r.files().isEmpty())) {
            // one generation holds one version per name, so each path has one owner in this build
            s.append("%install\n");
            for (LabRpm r : rpms) {
                r.files().forEach((path, text) -> s.append("mkdir -p \"%{buildroot}").append(parent(path)).append("\"\n")
                        .append("echo '").append(text).append("' > \"%{buildroot}").append(path).append("\"\n"));
            }
            s.append('\n');
        }
        for (LabRpm r : rpms) {
            String n = r.name();
            s.append("%package -n ").append(n).append('\n');
            if (r.epoch() > 0) {
                s.append("Epoch: ").append(r.epoch()).append('\n');
            }
            s.append("Version: ").append(r.version()).append("\nRelease: ").append(r.release()).append('\n');
            s.append("Summary: patchctl lab package ").append(n).append('\n');
            if ("noarch".equals(r.arch())) {
                s.append("BuildArch: noarch\n");
            }
            if (r.installOnly()) {
                // RHEL's kernels provide this; dnf then installs them side by side instead of upgrading
                s.append("Provides: installonlypkg(kernel)\n");
            }
            for (String p : r.provides()) {
                s.append("Provides: ").append(p).append('\n');
            }
            s.append("%description -n ").append(n).append("\npatchctl lab package\n");
            if (r.failingPre()) {
                s.append("%pre -n ").append(n).append("\necho \"patchctl lab: ").append(n)
                        .append(" %pre fails on purpose\" >&2\nexit 1\n");
            }
            s.append("%files -n ").append(n).append('\n');
            r.files().keySet().forEach(path -> s.append(path).append('\n'));
            s.append('\n');
        }
        return s.toString();
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }
}
