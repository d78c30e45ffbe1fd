package io.patchctl.core.plan;

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

    /**
     * As {@link #getOrCompute(String, Supplier)}, but a shared plan for which {@code holdsAllowed} is
     * true (it leaves updates pending that the policy allows: a model that held everything) is reused
     * only for a shorter time, so one cautious reply does not keep a fleet unpatched for the full TTL.
     */
    default PlanCacheResult getOrCompute(String fingerprint, Supplier<CachedPlan> compute,
                                         java.util.function.Predicate<io.patchctl.core.plan.PatchPlan> holdsAllowed) {
        return getOrCompute(fingerprint, compute);
    }
}
