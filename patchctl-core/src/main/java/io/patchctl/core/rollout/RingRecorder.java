package io.patchctl.core.rollout;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import io.patchctl.core.run.PostRunHook;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what a ring's host installed successfully, once its report is stored: one object per run
 * under {@link ReportKeys#ringSuccess}, so concurrent hosts never write the same key and nothing is
 * lost to a race; {@code patchctl promote} merges them. A build counts when the upgrade succeeded, the
 * run was not FAILED or CANCELLED, and dnf's transaction summary lists exactly that build.
 *
 * <p>A record that cannot be written is logged, not retried: the run's outcome is settled, and the
 * ring's other hosts (or this host's next run) prove the same builds.
 */
public final class RingRecorder implements PostRunHook {

    private static final Logger LOG = LoggerFactory.getLogger(RingRecorder.class);

    private final ReportStore store;
    private final String ring;
    private final RingGate gate;
    private final PatchPolicy policy;

    public RingRecorder(ReportStore store, String ring, RingGate gate, PatchPolicy policy) {
        this.store = Objects.requireNonNull(store, "store");
        this.ring = ReportKeys.segment(ring);
        this.gate = Objects.requireNonNull(gate, "gate");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public void afterRun(RunReport report) {
        List<RingPackage> proven = proven(report);
        if (proven.isEmpty()) {
            return;
        }
        List<SecurityUpdate> eligible = gate.eligible(report.discovered());
        RingSuccess success = new RingSuccess(RingSuccess.SCHEMA, ring, report.instanceId(), report.runId(),
                report.timestamp(), RingFingerprint.of(eligible, policy, report.distro()), report.plan(), proven);
        String key = ReportKeys.ringSuccess(ring, report.instanceId(), report.timestamp(), report.runId());
        try {
            store.put(key, Json.bytes(success));
            LOG.info("ring success recorded key={} builds={}", key, proven.size());
        } catch (RuntimeException e) {
            LOG.warn("ring success not recorded key={} store={} error={}", key, store.describe(), e.getMessage());
        }
    }

    /** The builds this run installed that discovery offered as security updates (and this ring allowed). */
    static List<RingPackage> proven(RunReport report) {
        if (report.mode() != RunMode.PATCH || report.apply() == null || !report.apply().success()
                || report.status() == RunStatus.FAILED || report.status() == RunStatus.CANCELLED) {
            return List.of();
        }
        Set<String> installed = new HashSet<>(report.apply().installed());
        Set<String> approved = new HashSet<>(report.approved());
        List<RingPackage> proven = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SecurityUpdate u : report.discovered()) {
            if (approved.contains(u.name()) && installed.contains(u.availableNevra()) && seen.add(u.availableNevra())) {
                proven.add(RingPackage.of(u));
            }
        }
        return proven;
    }
}
