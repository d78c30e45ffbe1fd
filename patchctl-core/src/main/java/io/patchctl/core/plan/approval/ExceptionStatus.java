package io.patchctl.core.plan.approval;

import java.time.LocalDate;
import java.util.List;

/**
 * One exception entry as a run saw it (RunReport {@code exceptions.entries[]}).
 *
 * @param match        package, advisory or cve
 * @param value        the glob or id
 * @param expires      first day it no longer holds, or null
 * @param noExpiry     true when the policy gave no {@code expires}
 * @param daysLeft     days it still holds from the run's date (null without expiry; 0 or less once lapsed)
 * @param holding      discovered packages it holds in this run (empty when it matches nothing pending)
 * @param allowedAgain discovered packages it matches but no longer holds, because it lapsed
 * @param note         one sentence for people
 */
public record ExceptionStatus(int index, String match, String value, String reason, String owner, LocalDate expires,
                              ExceptionState state, boolean noExpiry, Integer daysLeft, List<String> holding,
                              List<String> allowedAgain, String note) {
    public ExceptionStatus {
        holding = holding == null ? List.of() : List.copyOf(holding);
        allowedAgain = allowedAgain == null ? List.of() : List.copyOf(allowedAgain);
    }
}
