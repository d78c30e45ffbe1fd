package io.patchctl.core.report;

import java.util.List;

/**
 * What a run did with reports that earlier runs could not store (the local spool), before its own.
 *
 * @param delivered  spool keys now in the report store (created, or found already there: never stored twice)
 * @param dropped    spool entries discarded: older than the age bound, or not a report
 * @param remaining  entries still spooled (store still failing, or beyond this run's count bound)
 * @param error      why delivery stopped early, or null
 */
public record SpoolDelivery(List<String> delivered, List<String> dropped, int remaining, String error) {
    public SpoolDelivery {
        delivered = delivered == null ? List.of() : List.copyOf(delivered);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
    }
}
