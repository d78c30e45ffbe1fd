package io.patchctl.core.rollout;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.PatchPlan;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Promotes what ring {@code from} proved to ring {@code to}: the builds its hosts installed
 * successfully at least {@code soak_days} ago (or, with an urgent override, earlier for the listed
 * CVEs / Critical advisories), merged from the per-host success objects, plus everything the latest
 * approval of {@code to} already held.
 *
 * <p>Concurrency: the new approval is version N+1 of {@code to}, created with a conditional create
 * ({@code If-None-Match: *}); of promotions racing for N+1 exactly one wins. A loser reads the winner's
 * version and tries again with it as its base: when the winner already approved everything the loser
 * would, the loser writes nothing ({@link PromotionResult.UpToDate}); otherwise it writes N+2 with both,
 * so no promotion's builds or override is lost. The retries are bounded.
 */
public final class Promotion {

    private static final Logger LOG = LoggerFactory.getLogger(Promotion.class);
    static final int MAX_ATTEMPTS = 20;

    private final ReportStore store;
    private final RingRecords fromRecords;
    private final String fromDescription;
    private final RingRecords records;
    private final Clock clock;

    /** Both rings in one store. */
    public Promotion(ReportStore store, Clock clock) {
        this(store, store, clock);
    }

    /**
     * @param fromStore where ring {@code from} records its successes (its environment's bucket)
     * @param toStore   where ring {@code to}'s agents read their approval (their environment's bucket)
     */
    public Promotion(ReportStore fromStore, ReportStore toStore, Clock clock) {
        this.store = Objects.requireNonNull(toStore, "toStore");
        this.fromRecords = new RingRecords(Objects.requireNonNull(fromStore, "fromStore"));
        this.fromDescription = fromStore.describe();
        this.records = new RingRecords(toStore);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws NoSuccessfulRunException when {@code from} has no recorded successful install
     * @throws StoreUnavailableException when the store fails, or no version could be created in {@link #MAX_ATTEMPTS}
     */
    public PromotionResult promote(PromotionRequest request) {
        Instant now = clock.instant();
        List<RingSuccess> successes = fromRecords.successes(request.from());
        if (successes.isEmpty()) {
            throw new NoSuccessfulRunException("ring " + request.from() + " has no successful run recorded under "
                    + fromDescription + "/" + ReportKeys.ringSuccessPrefix(request.from())
                    + ": nothing to promote to ring " + request.to() + " (run its hosts with --ring " + request.from() + " first)");
        }
        Instant soakedBefore = now.minus(Duration.ofDays(request.soakDays()));
        Map<String, RingApproval.Approved> candidates = new LinkedHashMap<>();
        Map<String, PatchPlan> plans = new LinkedHashMap<>();
        List<String> urgentBuilds = new ArrayList<>();
        Instant earliestPending = null;
        int pending = 0;
        successes.sort(Comparator.comparing(RingSuccess::recordedAt));
        for (RingSuccess s : successes) {
            boolean soaked = !s.recordedAt().isAfter(soakedBefore);
            boolean contributed = false;
            for (RingPackage p : s.packages()) {
                String via = soaked ? RingApproval.Approved.SOAK : urgent(request, p) ? RingApproval.Approved.URGENT : null;
                if (via == null) {
                    pending++;
                    Instant at = s.recordedAt().plus(Duration.ofDays(request.soakDays()));
                    earliestPending = earliestPending == null || at.isBefore(earliestPending) ? at : earliestPending;
                    continue;
                }
                contributed = true;
                RingApproval.Approved previous = candidates.get(p.build());
                // the earliest proof counts; a soaked proof beats an urgent one
                if (previous == null || (RingApproval.Approved.URGENT.equals(previous.via()) && soaked)) {
                    candidates.put(p.build(), new RingApproval.Approved(p, s.recordedAt(), s.instanceId() + "/" + s.runId(), via));
                }
                if (!soaked && !urgentBuilds.contains(p.build())) {
                    urgentBuilds.add(p.build());
                }
            }
            // a plan is frozen only when every build it installed is approved
            if (contributed && s.fingerprint() != null && s.plan() != null
                    && s.packages().stream().allMatch(p -> candidates.containsKey(p.build()))) {
                plans.putIfAbsent(s.fingerprint(), s.plan());
            }
        }
        if (candidates.isEmpty()) {
            return new PromotionResult.NotSoaked(earliestPending, pending);
        }
        String promotionId = java.util.UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<RingApproval> latest = records.latestApproval(request.to());
            latest.ifPresent(a -> {
                if (!a.from().equals(request.from())) {
                    throw new IllegalArgumentException("ring " + request.to() + " is promoted from ring " + a.from()
                            + " (approval v" + a.version() + "), not from " + request.from());
                }
            });
            RingApproval next = merge(latest, request, now, candidates, plans, urgentBuilds, promotionId);
            if (latest.isPresent() && next == null) {
                return new PromotionResult.UpToDate(latest.get());
            }
            String key = ReportKeys.ringApproval(request.to(), next.version());
            byte[] body = Json.bytes(next);
            // promotion_id makes the body ours alone: an SDK retry's 412 for our own create still counts as written
            if (store.putIfAbsentOrOwn(key, body)) {
                int added = next.packages().size() - latest.map(a -> a.packages().size()).orElse(0);
                LOG.info("promoted from={} to={} version={} added={}", request.from(), request.to(), next.version(), added);
                return new PromotionResult.Written(next, added, key);
            }
            LOG.info("approval version taken by a concurrent promotion key={} attempt={}: rebasing", key, attempt);
        }
        throw new StoreUnavailableException("no approval version of ring " + request.to() + " could be created in "
                + MAX_ATTEMPTS + " attempts (concurrent promotions, or a store that does not keep its objects)");
    }

    /** The next version on top of {@code latest}, or null when it would add nothing. */
    private static RingApproval merge(Optional<RingApproval> latest, PromotionRequest request, Instant now,
                                      Map<String, RingApproval.Approved> candidates, Map<String, PatchPlan> plans,
                                      List<String> urgentBuilds, String promotionId) {
        Map<String, RingApproval.Approved> packages = new LinkedHashMap<>();
        Map<String, PatchPlan> allPlans = new LinkedHashMap<>();
        List<RingApproval.UrgentOverride> overrides = new ArrayList<>();
        latest.ifPresent(a -> {
            a.packages().forEach(p -> packages.put(p.pkg().build(), p));
            allPlans.putAll(a.plans());
            overrides.addAll(a.overrides());
        });
        int before = packages.size();
        int plansBefore = allPlans.size();
        candidates.forEach(packages::putIfAbsent);
        plans.forEach(allPlans::putIfAbsent);
        List<String> newUrgent = urgentBuilds.stream()
                .filter(b -> latest.isEmpty() || latest.get().packages().stream().noneMatch(p -> p.pkg().build().equals(b)))
                .toList();
        if (request.urgent() && !newUrgent.isEmpty()) {
            overrides.add(new RingApproval.UrgentOverride(now, request.by(), request.reason(), request.urgentCves(),
                    request.urgentCritical(), newUrgent));
        }
        if (latest.isPresent() && packages.size() == before && allPlans.size() == plansBefore) {
            return null;
        }
        int version = latest.map(a -> a.version() + 1).orElse(1);
        return new RingApproval(RingApproval.SCHEMA, request.to(), request.from(), version, now, request.by(),
                request.soakDays(), List.copyOf(packages.values()), allPlans, overrides, promotionId);
    }

    private static boolean urgent(PromotionRequest request, RingPackage p) {
        return (request.urgentCritical() && p.severity() == Severity.CRITICAL)
                || p.cves().stream().anyMatch(request.urgentCves()::contains);
    }
}
