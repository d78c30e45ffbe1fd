package io.patchctl.core.plan.approval;

import io.patchctl.core.advisory.Severity;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The policy's {@code approve_after_days} and {@code exceptions}, and the day they are judged on.
 *
 * @param approveAfterDays whole days an advisory must have been out before its update is approved, per
 *                         severity ({@link Severity#UNKNOWN} = {@code unrated}); a severity left out waits 0 days
 * @param exceptions       the policy's exception entries, in file order
 * @param evaluatedOn      the UTC date holds are judged on: the run's own clock sets it once per run
 *                         ({@link io.patchctl.core.plan.PatchPolicy#asOf}), so the advisor, the guard, the
 *                         fingerprint and the report all see the same day; null until a run dates the policy
 */
public record ApprovalPolicy(Map<Severity, Integer> approveAfterDays, List<Exemption> exceptions, LocalDate evaluatedOn) {

    public static final ApprovalPolicy NONE = new ApprovalPolicy(Map.of(), List.of(), null);

    public ApprovalPolicy {
        Map<Severity, Integer> days = new EnumMap<>(Severity.class);
        if (approveAfterDays != null) {
            approveAfterDays.forEach((s, n) -> {
                if (n == null || n < 0) {
                    throw new IllegalArgumentException("approve_after_days for " + s + " must be >= 0, was " + n);
                }
                days.put(s, n);
            });
        }
        approveAfterDays = java.util.Collections.unmodifiableMap(days);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** True when the policy sets neither key: nothing to judge, nothing to report. */
    public boolean isEmpty() {
        return approveAfterDays.values().stream().allMatch(n -> n == 0) && exceptions.isEmpty();
    }

    /** The days an advisory of this severity waits (0 when the policy names none). */
    public int daysFor(Severity severity) {
        return approveAfterDays.getOrDefault(severity, 0);
    }

    public ApprovalPolicy withApproveAfterDays(Map<Severity, Integer> days) {
        return new ApprovalPolicy(days, exceptions, evaluatedOn);
    }

    public ApprovalPolicy withExceptions(List<Exemption> entries) {
        return new ApprovalPolicy(approveAfterDays, entries, evaluatedOn);
    }

    public ApprovalPolicy on(LocalDate day) {
        return new ApprovalPolicy(approveAfterDays, exceptions, day);
    }
}
