package io.patchctl.lab;

import java.util.ArrayList;
import java.util.List;

/** Ready-made labs shared by tests, the demo and the benchmark. */
public final class StandardLabs {

    /** Installed, security update pending, allowed by the default policy. */
    public static final List<String> MIXED_ALLOWED = List.of("openssl-libs", "curl", "sudo", "zlib", "libxml2");
    /** Installed, security update pending, held by the default policy (kernel*). */
    public static final List<String> MIXED_KERNEL = List.of("kernel", "kernel-core");
    /** Installed, only a bug-fix or enhancement update pending. */
    public static final List<String> MIXED_NON_SECURITY = List.of("bash", "vim-minimal");
    /** Has a security advisory but is not installed on any host. */
    public static final String MIXED_NOT_INSTALLED = "nginx";
    /** Its update's %pre fails: the test transaction passes, the real one fails. */
    public static final String FAILING_SCRIPTLET = "tzdata-broken";

    private StandardLabs() {
    }

    /**
     * The lab of the agent's tests: security advisories of every severity (one with no rating) and with
     * and without CVEs, an epoch, kernel updates, a bug-fix and an enhancement advisory, an advisory for
     * a package no host has, a package that is never updated, and (in {@link #failing()}) a failing %pre.
     */
    public static LabSpec mixed() {
        return mixedBuilder().build();
    }

    /** {@link #mixed()} plus {@value #FAILING_SCRIPTLET}, whose security update fails in %pre. */
    public static LabSpec failing() {
        LabRpm broken = LabRpm.of(FAILING_SCRIPTLET, "2026a-1.el8", "noarch").withFailingPre();
        return mixedBuilder()
                .base(LabRpm.of(FAILING_SCRIPTLET, "2025a-1.el8", "noarch"))
                .update(broken)
                .advisory(LabAdvisory.security("RHSA-2026:1099", "Moderate", List.of("CVE-2026-10990"), broken))
                .build();
    }

    /** The package whose security update breaks the health check of {@link #healthCheck()}. */
    public static final String HEALTH_APP = "labapp";
    /** The file {@value #HEALTH_APP} installs; a health check reads it under the installroot. */
    public static final String HEALTH_FILE = "/etc/labapp/health";
    public static final String HEALTH_OK = "status=ok";
    public static final String HEALTH_BROKEN = "status=broken";

    /**
     * The lab of the hooks and rollback tests: {@value #HEALTH_APP} 1.0 writes {@value #HEALTH_OK} to
     * {@value #HEALTH_FILE}, its security update 1.1 writes {@value #HEALTH_BROKEN} (a health check that
     * reads the file fails after the update); curl's update is harmless. Both are in one transaction.
     */
    public static LabSpec healthCheck() {
        LabRpm broken = LabRpm.of(HEALTH_APP, "1.1-1.el8", "noarch").withFile(HEALTH_FILE, HEALTH_BROKEN);
        LabRpm curl = LabRpm.of("curl", "7.61.1-34.el8", "x86_64");
        return LabSpec.builder()
                .base(LabRpm.of(HEALTH_APP, "1.0-1.el8", "noarch").withFile(HEALTH_FILE, HEALTH_OK))
                .update(broken)
                .advisory(LabAdvisory.security("RHSA-2026:1501", "Important", List.of("CVE-2026-15001"), broken))
                .base(LabRpm.of("curl", "7.61.1-33.el8", "x86_64"))
                .update(curl)
                .advisory(LabAdvisory.security("RHSA-2026:1502", "Critical", List.of("CVE-2026-15002"), curl))
                .build();
    }

    private static LabSpec.Builder mixedBuilder() {
        LabRpm kernel = LabRpm.of("kernel", "4.18.0-553.2.el8", "x86_64");
        LabRpm kernelCore = LabRpm.of("kernel-core", "4.18.0-553.2.el8", "x86_64");
        LabRpm nginx = LabRpm.of("nginx", "1:1.14.1-10.el8", "x86_64");
        LabRpm bash = LabRpm.of("bash", "4.4.20-5.el8", "x86_64");
        LabRpm vim = LabRpm.of("vim-minimal", "2:8.0.1763-20.el8", "x86_64");
        return LabSpec.builder()
                .securityUpdate("openssl-libs", "x86_64", "1:1.1.1k-9.el8", "1:1.1.1k-12.el8", "RHSA-2026:1001",
                        "Important", "CVE-2026-0001", "CVE-2026-0002")
                .securityUpdate("curl", "x86_64", "7.61.1-33.el8", "7.61.1-34.el8", "RHSA-2026:1002", "Critical",
                        "CVE-2026-0003")
                .securityUpdate("sudo", "x86_64", "1.9.5p2-1.el8", "1.9.5p2-2.el8", "RHSA-2026:1003", "Moderate")
                .securityUpdate("zlib", "x86_64", "1.2.11-25.el8", "1.2.11-26.el8", "RHSA-2026:1004", "Low",
                        "CVE-2026-0004")
                .securityUpdate("libxml2", "x86_64", "2.9.7-18.el8", "2.9.7-19.el8", "RHSA-2026:1005", null,
                        "CVE-2026-0005")
                .base(LabRpm.of("kernel", "4.18.0-553.1.el8", "x86_64"), LabRpm.of("kernel-core", "4.18.0-553.1.el8", "x86_64"))
                .update(kernel, kernelCore)
                .advisory(LabAdvisory.security("RHSA-2026:1006", "Important", List.of("CVE-2026-0006"), kernel, kernelCore))
                .base(LabRpm.of("bash", "4.4.20-4.el8", "x86_64"), LabRpm.of("vim-minimal", "2:8.0.1763-19.el8", "x86_64"))
                .update(bash, vim)
                .advisory(LabAdvisory.bugfix("RHBA-2026:2001", bash))
                .advisory(LabAdvisory.enhancement("RHEA-2026:3001", vim))
                .update(nginx)
                .advisory(LabAdvisory.security("RHSA-2026:1007", "Important", List.of("CVE-2026-0007"), nginx))
                .stable("tzdata", "noarch", "2025b-1.el8")
                .stable("filesystem", "x86_64", "3.8-6.el8");
    }

    /** Installed, security update pending, allowed by the default policy, on every {@link #distro} lab. */
    public static final List<String> DISTRO_ALLOWED = List.of("openssl-libs", "curl", "sudo", "zlib");

    /** The kernels of a {@link #distro} lab (held by the default policy): Amazon Linux names them kernel6.1. */
    public static List<String> distroKernels(LabDistro distro) {
        return distro == LabDistro.AL2023 ? List.of("kernel6.1", "kernel-livepatch-6.1.112-122.189")
                : List.of("kernel", "kernel-core");
    }

    /**
     * A small lab in one distribution's own forms: its advisory ids (RHSA-/RLSA-/ALSA-/ELSA-/ALAS2023-),
     * its dist tag, and for Amazon Linux 2023 its severities (lower case, "Medium") and kernel names.
     * Hosts built from it should use {@code HostSpec.allBase().distro(distro)}.
     */
    public static LabSpec distro(LabDistro distro) {
        String t = distro.distTag();
        boolean amazon = distro == LabDistro.AL2023;
        LabSpec.Builder b = LabSpec.builder()
                .securityUpdate("openssl-libs", "x86_64", "1:3.0.7-24." + t, "1:3.0.7-27." + t, distro.advisoryId(2026, 101),
                        amazon ? "important" : "Important", "CVE-2026-1101")
                .securityUpdate("curl", "x86_64", "7.76.1-29." + t, "7.76.1-31." + t, distro.advisoryId(2026, 102),
                        amazon ? "critical" : "Critical", "CVE-2026-1102")
                .securityUpdate("sudo", "x86_64", "1.9.5p2-9." + t, "1.9.5p2-10." + t, distro.advisoryId(2026, 103),
                        amazon ? "Medium" : "Moderate", "CVE-2026-1103")
                .securityUpdate("zlib", "x86_64", "1.2.11-40." + t, "1.2.11-41." + t, distro.advisoryId(2026, 104),
                        amazon ? "low" : "Low")
                .stable("filesystem", "x86_64", "3.16-2." + t);
        List<String> kernels = distroKernels(distro);
        LabRpm k0 = LabRpm.of(kernels.get(0), (amazon ? "6.1.112-122.189." : "5.14.0-427.13.1.") + t, "x86_64");
        LabRpm k1 = LabRpm.of(kernels.get(1), amazon ? "1.0-0." + t : "5.14.0-427.13.1." + t, "x86_64");
        LabRpm k0new = LabRpm.of(kernels.get(0), (amazon ? "6.1.115-126.197." : "5.14.0-427.16.1.") + t, "x86_64");
        LabRpm k1new = LabRpm.of(kernels.get(1), amazon ? "1.0-1." + t : "5.14.0-427.16.1." + t, "x86_64");
        return b.base(k0, k1).update(k0new, k1new)
                .advisory(LabAdvisory.security(distro.advisoryId(2026, 105), amazon ? "important" : "Important",
                        List.of("CVE-2026-1105"), k0new, k1new))
                .build();
    }

    /**
     * The benchmark lab: {@code packages} installed packages of which {@code secure} have a security
     * update (two of them kernels, held by default), the rest stable.
     */
    public static LabSpec fleet(int packages, int secure) {
        if (secure > packages || secure < 2) {
            throw new IllegalArgumentException("need 2 <= secure <= packages, got " + secure + "/" + packages);
        }
        LabSpec.Builder b = LabSpec.builder();
        String[] severities = {"Critical", "Important", "Moderate", "Low"};
        List<String> names = new ArrayList<>();
        for (int i = 0; i < packages; i++) {
            names.add(String.format("labpkg%03d", i));
        }
        b.securityUpdate("kernel", "x86_64", "4.18.0-553.1.el8", "4.18.0-553.2.el8", "RHSA-2026:5000", "Important",
                "CVE-2026-5000");
        b.securityUpdate("kernel-core", "x86_64", "4.18.0-553.1.el8", "4.18.0-553.2.el8", "RHSA-2026:5001", "Important",
                "CVE-2026-5001");
        for (int i = 0; i < packages - 2; i++) {
            String name = names.get(i);
            String arch = i % 3 == 0 ? "noarch" : "x86_64";
            if (i < secure - 2) {
                String epoch = i % 7 == 0 ? "1:" : "";
                b.securityUpdate(name, arch, epoch + "1.0-1.el8", epoch + "1.0-2.el8",
                        String.format("RHSA-2026:%04d", 5100 + i), severities[i % severities.length],
                        String.format("CVE-2026-%05d", 51000 + i));
            } else {
                b.stable(name, arch, "1.0-1.el8");
            }
        }
        return b.build();
    }
}
