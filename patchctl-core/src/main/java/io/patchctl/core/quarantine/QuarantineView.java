package io.patchctl.core.quarantine;

import java.util.List;
import java.util.Optional;

/**
 * An environment's quarantine at one moment.
 *
 * @param active     records whose lease has not run out: their packages are held
 * @param expired    records past their lease: ignored, listed so the operator sees them
 * @param unreadable keys whose record is not a quarantine record (ignored, never fatal)
 */
public record QuarantineView(List<QuarantineEntry> active, List<QuarantineEntry> expired, List<String> unreadable) {
    public QuarantineView {
        active = List.copyOf(active);
        expired = List.copyOf(expired);
        unreadable = List.copyOf(unreadable);
    }

    public static QuarantineView empty() {
        return new QuarantineView(List.of(), List.of(), List.of());
    }

    /** The active quarantine of a package, if any. */
    public Optional<QuarantineRecord> activeFor(String packageName) {
        return active.stream().map(QuarantineEntry::record).filter(r -> r.packageName().equals(packageName)).findFirst();
    }
}
