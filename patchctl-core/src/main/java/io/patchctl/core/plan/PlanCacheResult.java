package io.patchctl.core.plan;

import java.util.Objects;

/**
 * @param plan        the shared plan
 * @param status      "hit" (reused), "miss" (computed by this call) or "off" (no cache, or the cache was unavailable)
 * @param waitedMillis time spent waiting for another host that was computing the same plan
 */
public record PlanCacheResult(CachedPlan plan, String status, long waitedMillis) {
    public static final String HIT = "hit";
    public static final String MISS = "miss";
    public static final String OFF = "off";

    public PlanCacheResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
    }
}
