package io.patchctl.core.rollout;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.plan.Risk;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.time.Instant;
import java.util.List;

/** Updates and success records shared by the ring tests. */
final class RingFixtures {

    static final SecurityUpdate OPENSSL_12 = new SecurityUpdate("RHSA-2026:1001", Severity.IMPORTANT,
            List.of("CVE-2026-0001"), "openssl-libs", "x86_64", "1:1.1.1k-9.el8", "1:1.1.1k-12.el8");
    /** Published after the first ring ran: no ring has proven it. */
    static final SecurityUpdate OPENSSL_13 = new SecurityUpdate("RHSA-2026:1101", Severity.IMPORTANT,
            List.of("CVE-2026-0101"), "openssl-libs", "x86_64", "1:1.1.1k-9.el8", "1:1.1.1k-13.el8");
    static final SecurityUpdate CURL = new SecurityUpdate("RHSA-2026:1002", Severity.CRITICAL,
            List.of("CVE-2026-0003"), "curl", "x86_64", "7.61.1-33.el8", "7.61.1-34.el8");
    static final SecurityUpdate ZLIB = new SecurityUpdate("RHSA-2026:1004", Severity.LOW,
            List.of("CVE-2026-0004"), "zlib", "x86_64", "1.2.11-25.el8", "1.2.11-26.el8");

    static final PatchPlan PLAN = new PatchPlan(List.of("openssl-libs", "curl"), List.of(), Risk.LOW, "dev plan");

    private RingFixtures() {
    }

    static RingSuccess success(String ring, String instance, Instant at, SecurityUpdate... installed) {
        return new RingSuccess(RingSuccess.SCHEMA, ring, instance, "run-" + instance + "-" + at.getEpochSecond(), at,
                "fp-" + instance, PLAN, java.util.Arrays.stream(installed).map(RingPackage::of).toList());
    }

    static void record(ReportStore store, RingSuccess s) {
        store.put(ReportKeys.ringSuccess(s.ring(), s.instanceId(), s.recordedAt(), s.runId()), Json.bytes(s));
    }
}
