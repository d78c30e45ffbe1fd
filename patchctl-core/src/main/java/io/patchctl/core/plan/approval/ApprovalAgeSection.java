package io.patchctl.core.plan.approval;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * RunReport {@code approval_age}: what {@code approve_after_days} decided on the run's date. Null in
 * reports of runs whose policy sets no wait.
 *
 * @param approveAfterDays the policy's waits, by lower-case severity (critical … low, unrated)
 * @param held             packages held because an advisory is too young, with the day each becomes approvable
 * @param undated          packages whose severity has a wait but whose advisory carries no date: approved
 *                         without an age check (see docs/cli.md "approve_after_days") and named here
 */
public record ApprovalAgeSection(LocalDate asOf, Map<String, Integer> approveAfterDays, List<AgeHold> held,
                                 List<String> undated) {
    public ApprovalAgeSection {
        approveAfterDays = approveAfterDays == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(approveAfterDays));
        held = held == null ? List.of() : List.copyOf(held);
        undated = undated == null ? List.of() : List.copyOf(undated);
    }
}
