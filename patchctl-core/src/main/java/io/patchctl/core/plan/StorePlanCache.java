package io.patchctl.core.plan;

import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.SingleFlight;
import io.patchctl.core.store.SingleFlight.Decision;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plan cache on a {@link ReportStore} (S3 or a directory), one object per fingerprint, shared through
 * the {@link SingleFlight} lease protocol: the first host asks the model, the others wait for its plan
 * and reuse it. READY plans are reused for {@code ttl} (a plan that holds allowed updates only for
 * {@code holdTtl}); a FAILED call makes the other hosts fall back for {@code failureTtl}, so a throttled
 * Bedrock is not hit again by every host of the fleet; a PENDING entry older than {@code leaseTimeout}
 * is taken over.
 *
 * <p>A store that is down (or one that never gives a stable answer) never blocks planning: the plan is
 * computed without sharing ("off").
 */
public final class StorePlanCache implements PlanCache {

    private static final Logger LOG = LoggerFactory.getLogger(StorePlanCache.class);
    /** Plans that hold updates the policy allows are re-asked after this, not after the full TTL. */
    public static final Duration HOLD_TTL = Duration.ofHours(6);

    private final SingleFlight<PlanCacheEntry> flight;
    private final String env;
    private final Duration holdTtl;
    private final Clock clock;

    private StorePlanCache(Builder b) {
        this.env = ReportKeys.segment(b.env);
        this.holdTtl = positive(b.holdTtl, "holdTtl");
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        // leaseTimeout is also the wait: a waiter takes over when the owner has had a full model call's time
        this.flight = SingleFlight.builder(PlanCacheEntry.class).store(Objects.requireNonNull(b.store, "store"))
                .schema(PlanCacheEntry.SCHEMA).owner(b.owner).ttl(b.ttl).failureTtl(b.failureTtl)
                .leaseTimeout(b.leaseTimeout).pollInterval(b.pollInterval).clock(clock).sleeper(b.sleeper).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PlanCacheResult getOrCompute(String fingerprint, Supplier<CachedPlan> compute) {
        return getOrCompute(fingerprint, compute, plan -> false);
    }

    @Override
    public PlanCacheResult getOrCompute(String fingerprint, Supplier<CachedPlan> compute, Predicate<PatchPlan> holdsAllowed) {
        String key = ReportKeys.planCache(env, fingerprint);
        long start = System.nanoTime();
        Decision<PlanCacheEntry> decision = flight.acquire(key, entry -> lifetime(entry, holdsAllowed));
        if (decision instanceof Decision.Hit<PlanCacheEntry> hit) {
            LOG.info("plan cache hit key={} owner={}", key, hit.owner());
            return new PlanCacheResult(hit.value().toCachedPlan(), PlanCacheResult.HIT, millisSince(start));
        }
        if (decision instanceof Decision.RecentFailure<PlanCacheEntry> failure) {
            throw new PlanComputeException("the model call for this update set failed "
                    + Duration.between(failure.failedAt(), clock.instant()).toSeconds() + " s ago on " + failure.owner()
                    + ": " + failure.reason());
        }
        if (decision instanceof Decision.Owner<PlanCacheEntry> owner) {
            return computeAsOwner(owner, fingerprint, compute, start);
        }
        LOG.warn("plan cache not shared key={} reason={}: planning without sharing", key,
                ((Decision.Unshared<PlanCacheEntry>) decision).reason());
        return new PlanCacheResult(compute.get(), PlanCacheResult.OFF, millisSince(start));
    }

    private static PlanCacheResult computeAsOwner(Decision.Owner<PlanCacheEntry> owner, String fingerprint,
                                                  Supplier<CachedPlan> compute, long start) {
        CachedPlan plan;
        try {
            plan = compute.get();
        } catch (PlanComputeException e) {
            owner.fail(e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // Unexpected: release the lease so other hosts do not wait for a plan that never comes.
            owner.abandon();
            throw e;
        }
        owner.complete(PlanCacheEntry.of(fingerprint, plan));
        return new PlanCacheResult(plan, PlanCacheResult.MISS, millisSince(start));
    }

    /** An entry without a plan is unusable (replaced); one that holds allowed updates lives only holdTtl; others ttl. */
    private Duration lifetime(PlanCacheEntry entry, Predicate<PatchPlan> holdsAllowed) {
        if (entry.plan() == null) {
            return Duration.ZERO;
        }
        return holdsAllowed.test(entry.plan()) ? holdTtl : null;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
        return d;
    }

    public static final class Builder {
        private ReportStore store;
        private String env;
        private String owner;
        private Duration ttl = Duration.ofDays(7);
        private Duration holdTtl = HOLD_TTL;
        private Duration failureTtl = Duration.ofMinutes(5);
        private Duration leaseTimeout = Duration.ofSeconds(150);
        private Duration pollInterval = Duration.ofMillis(500);
        private Clock clock;
        private SingleFlight.Sleeper sleeper;

        private Builder() {
        }

        public Builder store(ReportStore store) {
            this.store = store;
            return this;
        }

        public Builder env(String env) {
            this.env = env;
            return this;
        }

        /** Written into entries so operators see which host computed a plan. */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /** How long a READY plan is reused (default 7 days). */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** How long a plan that leaves allowed updates pending is reused (default {@link #HOLD_TTL}, never above ttl). */
        public Builder holdTtl(Duration holdTtl) {
            this.holdTtl = holdTtl;
            return this;
        }

        /** How long a FAILED entry makes other hosts fall back without calling (default 5 min). */
        public Builder failureTtl(Duration failureTtl) {
            this.failureTtl = failureTtl;
            return this;
        }

        /** How long to wait for another host's PENDING entry (default 150 s, above one model call). */
        public Builder leaseTimeout(Duration leaseTimeout) {
            this.leaseTimeout = leaseTimeout;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How a waiter waits between polls (default: sleeping); tests pass one that advances their clock. */
        public Builder sleeper(SingleFlight.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public StorePlanCache build() {
            return new StorePlanCache(this);
        }
    }
}
