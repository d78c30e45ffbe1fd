package io.patchctl.cli.simulate;

import io.patchctl.lab.LabAdvisory;
import io.patchctl.lab.LabRpm;
import io.patchctl.lab.LabSpec;
import java.util.List;

/**
 * The lab repository a soak later, for {@code simulate --rings}: the same spec plus a newer build
 * of a package the first ring installed, with its own advisory (as RingsLabTest publishes). The
 * later rings' hosts are offered it; their gate must hold it, since no previous ring proved it.
 */
public final class RingLab {

    /** openssl-libs one release newer than {@link io.patchctl.lab.StandardLabs#failing()}'s update (1:1.1.1k-12.el8). */
    public static final LabRpm NEWER = LabRpm.of("openssl-libs", "1:1.1.1k-13.el8", "x86_64");
    public static final String NEWER_ADVISORY = "RHSA-2026:1101";

    private RingLab() {
    }

    /** {@code spec} with {@link #NEWER} published as a security update. */
    public static LabSpec later(LabSpec spec) {
        LabSpec.Builder b = LabSpec.builder().base(spec.base().toArray(new LabRpm[0]))
                .update(spec.updates().toArray(new LabRpm[0])).update(NEWER);
        spec.advisories().forEach(b::advisory);
        return b.advisory(LabAdvisory.security(NEWER_ADVISORY, "Important", List.of("CVE-2026-0101"), NEWER)).build();
    }
}
