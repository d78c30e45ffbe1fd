package io.patchctl.core.advice;

import java.util.function.Supplier;

/**
 * Port: plans shared between hosts with the same fingerprint, so Bedrock cost scales with distinct
 * update sets, not with fleet size.
 */
public interface PlanCache {

    /**
     * The plan for {@code fingerprint}: a fresh shared one, or the result of {@code compute}, which
     * runs at most once per fingerprint among hosts sharing the cache while the entry is fresh.
     *
     * @throws PlanComputeException when {@code compute} failed, here or (recently) on another host
     */
    PlanCacheResult getOrCompute(String fingerprint, Supplier<CachedPlan> compute);

    /** No sharing: every call computes. */
    static PlanCache off() {
        return (fingerprint, compute) -> new PlanCacheResult(compute.get(), PlanCacheResult.OFF, 0);
    }
}
