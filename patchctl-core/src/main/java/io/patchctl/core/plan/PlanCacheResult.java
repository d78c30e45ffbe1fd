package io.patchctl.core.plan;

import java.util.Objects;

/**
 * @param plan        the shared plan
 * @param status      HIT (reused), MISS (computed by this call) or OFF (no cache, or the cache was unavailable)
 * @param waitedMillis time spent waiting for another host that was computing the same plan
 */
public record PlanCacheResult(CachedPlan plan, PlanCacheStatus status, long waitedMillis) {
    public static final PlanCacheStatus HIT = PlanCacheStatus.HIT;
    public static final PlanCacheStatus MISS = PlanCacheStatus.MISS;
    public static final PlanCacheStatus OFF = PlanCacheStatus.OFF;

    public PlanCacheResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
    }
}
