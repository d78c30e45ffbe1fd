package io.patchctl.core.quarantine;

import java.util.List;

/**
 * A quarantine as read from the store: the record, and every host whose evidence is kept for it
 * (the first failing host and those that failed on it before they saw the record).
 */
public record QuarantineEntry(QuarantineRecord record, List<String> failedOn) {
    public QuarantineEntry {
        failedOn = failedOn == null ? List.of() : List.copyOf(failedOn);
    }
}
