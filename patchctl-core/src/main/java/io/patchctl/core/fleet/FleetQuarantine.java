package io.patchctl.core.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-update circuit breaker across the fleet: each quarantined update, the hosts that failed on it,
 * and the hosts it saved (they held it and patched the rest instead of failing).
 */
public final class FleetQuarantine {

    /**
     * @param firstFailedOn the host whose record is the quarantine (the first that failed)
     * @param failedOn      every host that failed on it this cycle (the first, and any that started before
     *                      the quarantine was written)
     * @param saved         hosts that held it
     */
    public record Entry(String packageName, String evr, String failureClass, String firstFailedOn, List<String> failedOn,
                        List<String> saved) {
    }

    private FleetQuarantine() {
    }

    public static List<Entry> of(List<HostResult> hosts) {
        Map<String, Builder> byUpdate = new LinkedHashMap<>();
        for (HostResult h : hosts) {
            for (HostQuarantine.Mark m : h.quarantine().recorded()) {
                Builder b = byUpdate.computeIfAbsent(m.packageName() + "-" + m.evr(), k -> new Builder(m));
                b.failedOn.add(h.instanceId());
                if ("CREATED".equals(m.outcome()) || "REPLACED".equals(m.outcome())) {
                    b.first = h.instanceId();
                }
            }
            for (HostQuarantine.Mark m : h.quarantine().held()) {
                Builder b = byUpdate.computeIfAbsent(m.packageName() + "-" + m.evr(), k -> new Builder(m));
                b.saved.add(h.instanceId());
                b.first = b.first == null ? m.failedOn() : b.first;
            }
        }
        List<Entry> out = new ArrayList<>();
        byUpdate.values().forEach(b -> out.add(new Entry(b.mark.packageName(), b.mark.evr(), b.mark.failureClass(),
                b.first == null ? "" : b.first, List.copyOf(b.failedOn), List.copyOf(b.saved))));
        return out;
    }

    private static final class Builder {
        final HostQuarantine.Mark mark;
        final Set<String> failedOn = new LinkedHashSet<>();
        final Set<String> saved = new LinkedHashSet<>();
        String first;

        Builder(HostQuarantine.Mark mark) {
            this.mark = mark;
        }
    }
}
