package io.patchctl.core.rollout;

import io.patchctl.core.store.ReportKeys;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code patchctl promote}'s request. An urgent override ({@code urgentCves} or {@code urgentCritical})
 * lets builds of the previous ring that fix those CVEs (or any Critical advisory) through before their
 * soak is over; it still needs a successful install in the previous ring, and a reason.
 */
public record PromotionRequest(String from, String to, int soakDays, List<String> urgentCves, boolean urgentCritical,
                               String by, String reason) {

    public static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,19}");
    public static final int MAX_SOAK_DAYS = 365;

    public PromotionRequest {
        ReportKeys.segment(from);
        ReportKeys.segment(to);
        if (from.equals(to)) {
            throw new IllegalArgumentException("--from and --to name the same ring '" + from + "'");
        }
        if (soakDays < 0 || soakDays > MAX_SOAK_DAYS) {
            throw new IllegalArgumentException("soak days must be 0.." + MAX_SOAK_DAYS + ", was " + soakDays);
        }
        urgentCves = urgentCves == null ? List.of() : List.copyOf(urgentCves);
        for (String cve : urgentCves) {
            if (cve == null || !CVE.matcher(cve).matches()) {
                throw new IllegalArgumentException("not a CVE id (expected CVE-YYYY-NNNN…): '" + cve + "'");
            }
        }
        by = by == null || by.isBlank() ? "unknown" : by.strip();
        reason = reason == null ? "" : reason.strip();
        if ((!urgentCves.isEmpty() || urgentCritical) && reason.isEmpty()) {
            throw new IllegalArgumentException("an urgent override needs a reason (--reason TEXT): it is recorded in the approval");
        }
    }

    public boolean urgent() {
        return !urgentCves.isEmpty() || urgentCritical;
    }
}
