package io.patchctl.core.plan;

import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plan cache on a {@link ReportStore} (S3 or a directory), one object per fingerprint. The first
 * host creates a PENDING entry with a conditional create ({@code If-None-Match: *}) and is the only
 * one to ask the model; the others poll until the entry is READY (or FAILED) and reuse it. READY
 * entries expire after {@code ttl}; FAILED ones after {@code failureTtl}, so a throttled Bedrock is
 * not hit again by every host of the fleet; a PENDING entry older than {@code leaseTimeout} is
 * abandoned (its owner died) and the waiter computes itself.
 *
 * <p>A store that is down never blocks planning: the plan is computed without sharing ("off").
 */
public final class StorePlanCache implements PlanCache {

    private static final Logger LOG = LoggerFactory.getLogger(StorePlanCache.class);
    /** Plans that hold updates the policy allows are re-asked after this, not after the full TTL. */
    public static final Duration HOLD_TTL = Duration.ofHours(6);

    private final ReportStore store;
    private final String env;
    private final String owner;
    private final Duration ttl;
    private final Duration holdTtl;
    private final Duration failureTtl;
    private final Duration leaseTimeout;
    private final Duration pollInterval;
    private final Clock clock;

    private StorePlanCache(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.env = ReportKeys.segment(b.env);
        this.owner = b.owner == null ? "unknown" : b.owner;
        this.ttl = positive(b.ttl, "ttl");
        this.holdTtl = positive(b.holdTtl, "holdTtl");
        this.failureTtl = positive(b.failureTtl, "failureTtl");
        this.leaseTimeout = positive(b.leaseTimeout, "leaseTimeout");
        this.pollInterval = positive(b.pollInterval, "pollInterval");
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public PlanCacheResult getOrCompute(String fingerprint, Supplier<CachedPlan> compute) {
        return getOrCompute(fingerprint, compute, plan -> false);
    }

    @Override
    public PlanCacheResult getOrCompute(String fingerprint, Supplier<CachedPlan> compute,
                                        java.util.function.Predicate<io.patchctl.core.plan.PatchPlan> holdsAllowed) {
        String key = ReportKeys.planCache(env, fingerprint);
        long start = System.nanoTime();
        Instant waitUntil = clock.instant().plus(leaseTimeout);
        try {
            while (true) {
                Optional<PlanCacheEntry> existing = read(key);
                Instant now = clock.instant();
                if (existing.isEmpty()) {
                    if (store.putIfAbsent(key, Json.bytes(PlanCacheEntry.pending(fingerprint, now, owner)))) {
                        return computeAsOwner(key, fingerprint, compute, start);
                    }
                    continue; // another host created it between our read and our create: read it
                }
                PlanCacheEntry entry = existing.get();
                switch (entry.state()) {
                    case READY:
                        Duration life = entry.plan() != null && holdsAllowed.test(entry.plan())
                                ? (holdTtl.compareTo(ttl) < 0 ? holdTtl : ttl) : ttl;
                        if (entry.createdAt().plus(life).isAfter(now) && entry.plan() != null) {
                            LOG.info("plan cache hit key={} owner={}", key, entry.owner());
                            return new PlanCacheResult(new CachedPlan(entry.plan(), entry.replyRejections(),
                                    entry.modelId(), entry.inputTokens(), entry.outputTokens(), 0),
                                    PlanCacheResult.HIT, millisSince(start));
                        }
                        LOG.info("plan cache entry expired key={} created_at={} ttl={}", key, entry.createdAt(), life);
                        deleteIfUnchanged(key, entry);
                        continue;
                    case FAILED:
                        if (entry.createdAt().plus(failureTtl).isAfter(now)) {
                            throw new PlanComputeException("the model call for this update set failed "
                                    + Duration.between(entry.createdAt(), now).toSeconds() + " s ago on " + entry.owner()
                                    + ": " + entry.failure());
                        }
                        deleteIfUnchanged(key, entry);
                        continue;
                    case PENDING:
                    default:
                        if (entry.createdAt().plus(leaseTimeout).isBefore(now) || now.isAfter(waitUntil)) {
                            LOG.warn("plan cache entry still pending key={} owner={} since={}: computing here",
                                    key, entry.owner(), entry.createdAt());
                            return computeAsOwner(key, fingerprint, compute, start);
                        }
                        sleep();
                }
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("plan cache unavailable store={} error={}: planning without sharing", store.describe(), e.getMessage());
            return new PlanCacheResult(compute.get(), PlanCacheResult.OFF, millisSince(start));
        }
    }

    private PlanCacheResult computeAsOwner(String key, String fingerprint, Supplier<CachedPlan> compute, long start) {
        CachedPlan plan;
        try {
            plan = compute.get();
        } catch (PlanComputeException e) {
            writeQuietly(key, PlanCacheEntry.failed(fingerprint, clock.instant(), owner, e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            // Unexpected: release the lease so other hosts do not wait for a plan that never comes.
            try {
                store.delete(key);
            } catch (RuntimeException ignored) {
                // the lease times out on its own
            }
            throw e;
        }
        writeQuietly(key, PlanCacheEntry.ready(fingerprint, clock.instant(), owner, plan));
        return new PlanCacheResult(plan, PlanCacheResult.MISS, millisSince(start));
    }

    /**
     * Deletes a stale entry only if it is still the one we judged stale: another host may already
     * have replaced it with its own lease. (The store has no conditional delete, so a small window
     * remains in which two hosts both recompute; that costs one extra model call, never a wrong plan.)
     */
    private void deleteIfUnchanged(String key, PlanCacheEntry stale) {
        Optional<PlanCacheEntry> now = read(key);
        if (now.isPresent() && now.get().state() == stale.state() && now.get().createdAt().equals(stale.createdAt())) {
            store.delete(key);
        }
    }

    private void writeQuietly(String key, PlanCacheEntry entry) {
        try {
            store.put(key, Json.bytes(entry));
        } catch (RuntimeException e) {
            LOG.warn("cannot write plan cache entry key={} state={} error={}", key, entry.state(), e.getMessage());
        }
    }

    private Optional<PlanCacheEntry> read(String key) {
        Optional<byte[]> bytes = store.get(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            PlanCacheEntry entry = Json.mapper().readValue(bytes.get(), PlanCacheEntry.class);
            if (entry.state() == null || entry.createdAt() == null) {
                throw new IOException("no state or created_at");
            }
            return Optional.of(entry);
        } catch (IOException e) {
            // A corrupt entry must not wedge the fleet: treat it as expired.
            LOG.warn("corrupt plan cache entry key={} error={}: replacing it", key, e.getMessage());
            store.delete(key);
            return Optional.empty();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanComputeException("interrupted while waiting for another host's plan");
        }
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
        /** How long a plan that leaves allowed updates pending is reused (default {@link #HOLD_TTL}, never above ttl). */
        public Builder holdTtl(Duration holdTtl) {
            this.holdTtl = holdTtl;
            return this;
        }

        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
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

        public StorePlanCache build() {
            return new StorePlanCache(this);
        }
    }
}
