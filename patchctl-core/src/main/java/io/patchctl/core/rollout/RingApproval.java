package io.patchctl.core.rollout;

import io.patchctl.core.plan.PatchPlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a ring's agents may install: version {@code version} of the approval under
 * {@link io.patchctl.core.store.ReportKeys#ringApproval}, written by {@code patchctl promote}. Each
 * version carries everything earlier versions approved, so an agent reads only the latest.
 *
 * @param from      the ring whose successes were promoted
 * @param packages  the approved builds, each with where and when it was proven
 * @param plans     frozen plans by {@link RingFingerprint}: a host with that update set runs the plan, unasked
 * @param overrides urgent overrides, each explicit and kept in every later version
 * @param promotionId a random id of the promotion that wrote this version (null in versions written before it
 *                    existed): lets a promotion whose conditional create was answered 412 tell its own object,
 *                    created by an SDK retry's first attempt, from a racing promotion's
 */
public record RingApproval(String schema, String ring, String from, int version, Instant promotedAt, String promotedBy,
                           int soakDays, List<Approved> packages, Map<String, PatchPlan> plans, List<UrgentOverride> overrides,
                           @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                           String promotionId) {

    /** A version without a promotion id (as written before the id existed; tests). */
    public RingApproval(String schema, String ring, String from, int version, Instant promotedAt, String promotedBy,
                        int soakDays, List<Approved> packages, Map<String, PatchPlan> plans, List<UrgentOverride> overrides) {
        this(schema, ring, from, version, promotedAt, promotedBy, soakDays, packages, plans, overrides, null);
    }

    public static final String SCHEMA = "patchctl.ring-approval/v1";

    public RingApproval {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(from, "from");
        packages = packages == null ? List.of() : List.copyOf(packages);
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /**
     * One approved build.
     *
     * @param provenAt when the earliest host of {@code from} recorded installing it
     * @param provenOn that host and run ({@code i-…/run-id})
     * @param via      {@code soak} (proven at least soak_days before the promotion) or {@code urgent}
     */
    public record Approved(RingPackage pkg, Instant provenAt, String provenOn, String via) {
        public static final String SOAK = "soak";
        public static final String URGENT = "urgent";
    }

    /** An operator's urgent override: who, why, which CVEs (or all Critical), which builds it let through early. */
    public record UrgentOverride(Instant at, String by, String reason, List<String> cves, boolean critical,
                                 List<String> builds) {
        public UrgentOverride {
            cves = cves == null ? List.of() : List.copyOf(cves);
            builds = builds == null ? List.of() : List.copyOf(builds);
        }
    }
}
