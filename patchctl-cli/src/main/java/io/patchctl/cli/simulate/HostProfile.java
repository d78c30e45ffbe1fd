package io.patchctl.cli.simulate;

import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.LabDistro;
import io.patchctl.lab.StandardLabs;
import java.util.List;
import java.util.function.Supplier;

/**
 * The kinds of host a simulated fleet is made of, each a different set of pending security updates
 * on {@link StandardLabs#failing()}. Two are built to fail the way real fleets do: a package whose
 * %pre scriptlet fails, and an updates repository that cannot be reached.
 */
public enum HostProfile {
    /** Every security update pending (kernel held by policy). */
    ALL_PENDING("all-pending", HostOutcome.COMPLIANT, true,
            () -> HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET)),
    /** openssl and zlib already current: curl, sudo, libxml2 and the kernel pending. */
    WEB("web", HostOutcome.COMPLIANT, true,
            () -> HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET).upgraded("openssl-libs", "zlib")),
    /** Only openssl, zlib and the kernel pending. */
    MINIMAL("minimal", HostOutcome.COMPLIANT, true,
            () -> HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET).upgraded("curl", "sudo", "libxml2")),
    /** Nothing pending but the held kernel: compliant without a transaction. */
    PATCHED("patched", HostOutcome.COMPLIANT, true,
            () -> HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET)
                    .upgraded("openssl-libs", "curl", "sudo", "zlib", "libxml2")),
    /** Has the package whose update fails in %pre: the test transaction passes, the real one fails. */
    BROKEN_SCRIPTLET("broken-scriptlet", HostOutcome.FAILED, true, HostSpec::allBase),
    /** Its updates repository refuses connections: discovery fails. */
    UNREACHABLE_REPO("unreachable-repo", HostOutcome.FAILED, false,
            () -> HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET)),
    /**
     * Only the kernel pending, policy {@code reboot: if-needed}: the kernel is installed, the agent exits 194,
     * the simulated SSM "reboots" it into the new kernel and runs the agent again, which reports COMPLIANT.
     */
    KERNEL_REBOOT("kernel-reboot", HostOutcome.COMPLIANT, true,
            () -> HostSpec.allBase().without(StandardLabs.FAILING_SCRIPTLET)
                    .upgraded("openssl-libs", "curl", "sudo", "zlib", "libxml2"));

    /**
     * The order profiles are dealt to hosts: for 8 hosts two fail (one of each kind) and six update
     * sets appear; larger fleets repeat it, so every update set and failure recurs. The ninth host is the
     * one that reboots (kernel-reboot), so fleets of 8 look as they did before it existed.
     */
    public static final List<HostProfile> ROTATION = List.of(ALL_PENDING, WEB, BROKEN_SCRIPTLET, MINIMAL, ALL_PENDING,
            UNREACHABLE_REPO, WEB, PATCHED, KERNEL_REBOOT);

    private final String label;
    private final HostOutcome expected;
    private final boolean reachable;
    private final Supplier<HostSpec> spec;

    HostProfile(String label, HostOutcome expected, boolean reachable, Supplier<HostSpec> spec) {
        this.label = label;
        this.expected = expected;
        this.reachable = reachable;
        this.spec = spec;
    }

    public String label() {
        return label;
    }

    /** The outcome this kind of host is built to produce. */
    public HostOutcome expected() {
        return expected;
    }

    public boolean reachable() {
        return reachable;
    }

    public HostSpec hostSpec() {
        return spec.get();
    }

    /** The policy its runs use: the default, except kernel-reboot's {@code reboot: if-needed} (kernels not held). */
    public io.patchctl.core.plan.PatchPolicy policy() {
        return this == KERNEL_REBOOT
                ? io.patchctl.core.plan.PolicyLoader.parse("reboot: if-needed\n")
                : io.patchctl.core.plan.PatchPolicy.defaults();
    }

    /**
     * The distributions a simulated fleet mixes. Each profile has its own (in real fleets an update set
     * belongs to one distribution: advisory ids and dist tags differ), so hosts with the same updates
     * still share one plan: 8 hosts cover all five. Simulate varies the hosts' os-release (what the agent
     * reads and reports); the packages are the shared lab's. Per-distribution advisory ids, dist tags and
     * kernels are exercised by {@code StandardLabs.distro} labs.
     */
    public static final List<LabDistro> FLEET_DISTROS = List.of(LabDistro.RHEL8, LabDistro.ROCKY9, LabDistro.ALMA8,
            LabDistro.ORACLE9, LabDistro.AL2023);

    /** The distribution of this profile's hosts. */
    public LabDistro distro() {
        return FLEET_DISTROS.get(ordinal() % FLEET_DISTROS.size());
    }

    /** The profile of the host at {@code index} in a fleet. */
    public static HostProfile forIndex(int index) {
        return ROTATION.get(index % ROTATION.size());
    }
}
