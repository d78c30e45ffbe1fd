package io.patchctl.core.plan.approval;

import java.time.LocalDate;
import java.util.List;

/**
 * RunReport {@code exceptions}: every exception entry of the policy and where it stood on the run's date.
 * Null in reports of runs whose policy has no {@code exceptions}.
 *
 * @param asOf     the UTC date the run judged on
 * @param active   entries in force (ACTIVE or LAPSING), holding something or not
 * @param lapsing  entries in force that lapse within 7 days
 * @param lapsed   entries past their expiry: what they held is allowed again
 * @param noExpiry entries without {@code expires}
 */
public record ExceptionsSection(LocalDate asOf, List<ExceptionStatus> entries, int active, int lapsing, int lapsed,
                                int noExpiry) {
    public ExceptionsSection {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    static ExceptionsSection of(LocalDate asOf, List<ExceptionStatus> entries) {
        return new ExceptionsSection(asOf, entries,
                (int) entries.stream().filter(e -> e.state() != ExceptionState.LAPSED).count(),
                (int) entries.stream().filter(e -> e.state() == ExceptionState.LAPSING).count(),
                (int) entries.stream().filter(e -> e.state() == ExceptionState.LAPSED).count(),
                (int) entries.stream().filter(ExceptionStatus::noExpiry).count());
    }
}
