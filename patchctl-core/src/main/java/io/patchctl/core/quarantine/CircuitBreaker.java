package io.patchctl.core.quarantine;

import io.patchctl.core.advisory.RpmVersion;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.TransactionOutcome;
import io.patchctl.core.insights.Classification;
import io.patchctl.core.insights.DnfErrorClassifier;
import io.patchctl.core.insights.ErrorClass;
import io.patchctl.core.insights.FailureSignature;
import io.patchctl.core.plan.GuardedPlan;
import io.patchctl.core.plan.HeldPackage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-update circuit breaker of one agent run. Before the transaction: the environment's quarantine is
 * read once, and every package it holds (at the EVR it failed at or older) is taken out of the approved
 * set after PolicyGuard, so it can only narrow what the guard allowed; the host then installs the rest and
 * ends NON_COMPLIANT with the quarantine named. After a failed transaction: the packages dnf blamed are
 * quarantined for the rest of the cycle ({@code ttl}).
 *
 * <p>Only failures that belong to a package are recorded: a scriptlet, a file conflict, a dependency
 * problem. A full disk, a lock, a repository or GPG problem is the host's or the mirror's, and holding a
 * package fleet-wide for it would stop others from patching for nothing.
 *
 * <p>A store that cannot be read never fails the run: it goes on without the quarantine and says so.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    /** The failure classes that blame a package. */
    public static final Set<ErrorClass> PACKAGE_FAILURES = EnumSet.of(ErrorClass.SCRIPTLET, ErrorClass.FILE_CONFLICT,
            ErrorClass.DEPENDENCY);

    /** "The rest of the cycle" when the policy does not say: a daily patch window. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private final QuarantineStore store;
    private final String offReason;
    private final Duration ttl;
    private final Clock clock;

    private CircuitBreaker(QuarantineStore store, String offReason, Duration ttl, Clock clock) {
        this.store = store;
        this.offReason = offReason;
        this.ttl = ttl;
        this.clock = clock;
    }

    public static CircuitBreaker on(QuarantineStore store, Duration ttl, Clock clock) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("quarantine ttl must be positive, was " + ttl);
        }
        return new CircuitBreaker(Objects.requireNonNull(store, "store"), null, ttl, Objects.requireNonNull(clock, "clock"));
    }

    public static CircuitBreaker off(String reason) {
        return new CircuitBreaker(null, reason, DEFAULT_TTL, Clock.systemUTC());
    }

    /** Reads the environment's quarantine (one list, one read per record) against the discovered updates. */
    public Check check(String env, List<SecurityUpdate> discovered) {
        if (store == null) {
            return new Check(env, QuarantineView.empty(), QuarantineSection.State.OFF, offReason, discovered);
        }
        if (discovered.isEmpty()) {
            // nothing could be held: a patched host costs the store nothing
            return new Check(env, QuarantineView.empty(), QuarantineSection.State.ON, "nothing pending: not read", discovered);
        }
        try {
            return new Check(env, store.read(env, clock.instant()), QuarantineSection.State.ON, store.describe(), discovered);
        } catch (RuntimeException e) {
            // the breaker protects the fleet; without it this host still patches as it would have before
            LOG.warn("quarantine not read store={} error={}: going on without it", store.describe(), e.toString());
            return new Check(env, QuarantineView.empty(), QuarantineSection.State.UNAVAILABLE,
                    "quarantine not read from " + store.describe() + ": " + e.getMessage(), discovered);
        }
    }

    /** The breaker's view for one run. */
    public final class Check {
        private final String env;
        private final QuarantineView view;
        private final QuarantineSection.State state;
        private final String detail;
        private final Map<String, QuarantineEntry> holds = new LinkedHashMap<>();
        private final List<String> notHeld = new ArrayList<>();
        private final List<QuarantineSection.Recorded> recorded = new ArrayList<>();
        private final Map<String, String> offered = new LinkedHashMap<>();

        private Check(String env, QuarantineView view, QuarantineSection.State state, String detail,
                      List<SecurityUpdate> discovered) {
            this.env = env;
            this.view = view;
            this.state = state;
            this.detail = detail;
            for (SecurityUpdate u : discovered) {
                offered.merge(u.name(), u.availableEvr(), (a, b) -> RpmVersion.compareEvr(a, b) >= 0 ? a : b);
            }
            for (QuarantineEntry entry : view.active()) {
                QuarantineRecord r = entry.record();
                String evr = offered.get(r.packageName());
                if (evr == null) {
                    continue;
                }
                if (r.holds(evr)) {
                    holds.put(r.packageName(), entry);
                } else {
                    notHeld.add(r.packageName() + "-" + evr + " is newer than the quarantined " + r.evr()
                            + " (failed on " + r.instanceId() + "): not held");
                }
            }
        }

        /** The guard's plan with the quarantined packages moved from approved to held, with the quarantine's reason. */
        public GuardedPlan apply(GuardedPlan guarded) {
            if (holds.isEmpty()) {
                return guarded;
            }
            List<String> approved = new ArrayList<>();
            List<HeldPackage> held = new ArrayList<>(guarded.held());
            for (String name : guarded.approved()) {
                QuarantineEntry q = holds.get(name);
                if (q == null) {
                    approved.add(name);
                } else {
                    held.add(new HeldPackage(name, q.record().reason(), io.patchctl.core.plan.HoldKind.QUARANTINED));
                }
            }
            return new GuardedPlan(approved, held, guarded.rejected());
        }

        /**
         * Quarantines the packages dnf blamed for a failed transaction. Never throws: a store that refuses
         * the record is in the report (the run has failed anyway, and insights still sees it).
         *
         * @param attempted the package names the transaction was asked to update
         */
        public void recordFailure(String instanceId, String runId, TransactionOutcome outcome, Collection<String> attempted) {
            if (store == null || outcome.success()) {
                return;
            }
            String text = (outcome.error() == null ? "" : outcome.error()) + "\n"
                    + (outcome.outputTail() == null ? "" : outcome.outputTail());
            Classification c = DnfErrorClassifier.classify(text, null);
            if (!PACKAGE_FAILURES.contains(c.errorClass())) {
                return;
            }
            Instant now = clock.instant();
            for (FailedPackages.Blamed b : FailedPackages.blamed(text, attempted)) {
                String evr = offered.getOrDefault(b.name(), "");
                if (evr.isEmpty()) {
                    continue; // not an update discovery offered: nothing to hold it at
                }
                QuarantineRecord record = new QuarantineRecord(null, env, b.name(), evr,
                        b.printed().equals(b.name()) ? b.name() + "-" + evr : b.printed(), c.errorClass().name(),
                        FailureSignature.of(c).orElse(null), c.errorLine(), instanceId, runId, now, now.plus(ttl));
                try {
                    QuarantineStore.RecordOutcome o = store.record(record, now);
                    LOG.warn("update quarantined package={} evr={} class={} outcome={}", b.name(), evr, c.errorClass(), o);
                    recorded.add(new QuarantineSection.Recorded(b.name(), evr, c.errorClass().name(), o.name(), null));
                } catch (RuntimeException e) {
                    LOG.warn("quarantine not stored package={} error={}", b.name(), e.toString());
                    recorded.add(new QuarantineSection.Recorded(b.name(), evr, c.errorClass().name(), "NOT_STORED",
                            e.getMessage()));
                }
            }
        }

        /** The packages held this run, by name. */
        public Set<String> heldNames() {
            return holds.keySet();
        }

        public QuarantineSection section() {
            return new QuarantineSection(state, detail, List.copyOf(holds.values()), notHeld, view.expired(), recorded);
        }

        /** What the report's notes say about the breaker (the store down; packages held). */
        public List<String> notes() {
            List<String> notes = new ArrayList<>();
            if (state == QuarantineSection.State.UNAVAILABLE) {
                notes.add("circuit breaker unavailable, the run went on without the quarantine: " + detail);
            }
            if (!holds.isEmpty()) {
                notes.add("circuit breaker held " + String.join(", ", holds.keySet())
                        + ": quarantined after failing on another host this cycle (patchctl quarantine list --env " + env + ")");
            }
            return notes;
        }
    }
}
