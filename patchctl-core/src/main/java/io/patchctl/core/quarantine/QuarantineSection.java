package io.patchctl.core.quarantine;

import java.util.List;

/**
 * The circuit breaker's part of a RunReport ({@code quarantine}).
 *
 * @param state    ON (the quarantine was read), OFF (policy {@code circuit_breaker: off}, or no shared
 *                 report store), UNAVAILABLE (the store could not be read: the run went on without it)
 * @param detail   the store read, or why the breaker was off or unavailable
 * @param held     active quarantines that held a package this run would otherwise have installed
 * @param notHeld  active quarantines of an older EVR than the one this host was offered (a fixed package)
 * @param expired  quarantines past their lease, ignored
 * @param recorded what this run quarantined after its own transaction failed
 */
public record QuarantineSection(State state, String detail, List<QuarantineEntry> held, List<String> notHeld,
                                List<QuarantineEntry> expired, List<Recorded> recorded) {

    public enum State { ON, OFF, UNAVAILABLE }

    /**
     * @param outcome CREATED, JOINED or REPLACED (see {@link QuarantineStore.RecordOutcome}), or NOT_STORED
     * @param problem why it was not stored, else null
     */
    public record Recorded(String packageName, String evr, String failureClass, String outcome, String problem) {
    }

    public QuarantineSection {
        held = held == null ? List.of() : List.copyOf(held);
        notHeld = notHeld == null ? List.of() : List.copyOf(notHeld);
        expired = expired == null ? List.of() : List.copyOf(expired);
        recorded = recorded == null ? List.of() : List.copyOf(recorded);
    }
}
