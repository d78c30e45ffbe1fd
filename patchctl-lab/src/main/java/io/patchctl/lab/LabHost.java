package io.patchctl.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One lab host: an installroot, its dnf.conf, and the environment dnf and rpm need (HOME).
 *
 * @param dir         the host's directory (holds {@code root/} and {@code dnf.conf})
 * @param installroot the installroot to pass as {@code --installroot}
 * @param dnfConf     the host's dnf configuration (repos {@code base} and {@code updates})
 * @param environment variables every dnf/rpm process for this host needs
 * @param distro      the distribution its {@code etc/os-release} names
 */
public record LabHost(Path dir, Path installroot, Path dnfConf, Map<String, String> environment, LabDistro distro) {

    public LabHost {
        environment = Map.copyOf(environment);
    }

    /** The arguments to give every dnf call for this host (also what {@code patchctl run --dnf-arg} gets). */
    public List<String> dnfArgs() {
        return List.of("--config=" + dnfConf, "--releasever=" + distro.releasever(), "--noplugins");
    }

    /** Installed packages as name to {@code [epoch:]version-release.arch} list (several for install-only kernels). */
    public Map<String, List<String>> installed() {
        String out = Commands.run(List.of("rpm", "--root", installroot.toString(), "-qa", "--qf",
                "%{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}.%{ARCH}\\n"), environment, Duration.ofSeconds(60));
        Map<String, List<String>> installed = new TreeMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 2) {
                installed.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
            }
        }
        installed.replaceAll((name, evrs) -> evrs.stream().sorted().toList());
        return installed;
    }

    /** Runs {@code rpm --verifydb} and a full query: throws LabException if the rpm database is damaged. */
    public void checkRpmDatabase() {
        Commands.run(List.of("rpm", "--root", installroot.toString(), "--verifydb"), environment, Duration.ofSeconds(60));
        Commands.run(List.of("rpm", "--root", installroot.toString(), "-qa"), environment, Duration.ofSeconds(60));
    }
}
