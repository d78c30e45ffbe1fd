package io.patchctl.cli.simulate;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HostOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The per-ring table {@code simulate --rings} prints after the fleet summary. */
public final class RingSummary {

    private static final String ROW = "%-12s %-24s %5d %9d %13d %6d %9d %11d  %s%n";

    private RingSummary() {
    }

    public static String render(List<RingRollout.RingOutcome> rings) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-12s %-24s %5s %9s %13s %6s %9s %11s  %s%n",
                "Ring", "Gate", "Hosts", "Compliant", "Non-compliant", "Failed", "Installed", "Model calls",
                "Promotion before the ring"));
        for (RingRollout.RingOutcome r : rings) {
            FleetReport report = r.result().report();
            Map<HostOutcome, Integer> o = report.outcomes();
            int installed = report.hosts().stream().mapToInt(h -> h.installed().size()).sum();
            String gate = r.from() == null ? "open" : r.approval().map(a -> "approval v" + a.version() + " of " + r.from())
                    .orElse("nothing approved");
            out.append(String.format(Locale.ROOT, ROW, r.ring(), gate, report.hosts().size(), o.get(HostOutcome.COMPLIANT),
                    o.get(HostOutcome.NON_COMPLIANT) + o.get(HostOutcome.NOT_STARTED), o.get(HostOutcome.FAILED), installed,
                    Simulation.modelCalls(report.hosts()), r.from() == null ? "-" : r.from() + " -> " + r.ring() + ": " + r.promotion()));
        }
        return out.toString();
    }
}
