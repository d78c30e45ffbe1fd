package io.patchctl.core.sla;

import java.util.Locale;

/** The SLA figures as a few plain-text lines for the terminal (stdout of {@code patchctl report}). */
public final class SlaText {

    /** Overdue clocks printed; the page and the JSON have the rest. */
    static final int OVERDUE_PRINTED = 10;

    public String render(SlaReport sla) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "SLA (%s) over %d stored runs, %d CVE×host clocks:%n",
                sla.targets(), sla.runs(), sla.clocks().size()));
        b.append(String.format(Locale.ROOT, "  %-10s %6s %6s %6s %8s %8s %8s %14s%n",
                "severity", "target", "fixed", "open", "overdue", "median", "p90", "hosts within"));
        sla.figures().forEach((s, f) -> b.append(String.format(Locale.ROOT, "  %-10s %5dd %6d %6d %8d %8s %8s %7d/%d %3.0f%%%n",
                s.label(), f.slaDays(), f.fixed(), f.open(), f.overdue(), days(f.medianDays()), days(f.p90Days()),
                f.hostsWithin(), f.hosts(), 100 * f.shareWithin())));
        var overdue = sla.overdue();
        if (!overdue.isEmpty()) {
            b.append(String.format(Locale.ROOT, "  overdue: %d%n", overdue.size()));
            overdue.stream().limit(OVERDUE_PRINTED).forEach(c -> b.append(String.format(Locale.ROOT,
                    "    %s %s %s %d days open (target %d): %s%n", c.severity().label(), c.cve(), c.instanceId(), c.days(),
                    c.slaDays(), c.why())));
            if (overdue.size() > OVERDUE_PRINTED) {
                b.append(String.format(Locale.ROOT, "    … %d more in fleet-report.html/json%n", overdue.size() - OVERDUE_PRINTED));
            }
        }
        if (!sla.cycles().isEmpty()) {
            b.append("  open Critical/Important (host×CVE) after each cycle:");
            sla.cycles().forEach(p -> b.append(' ').append(p.openCritical()).append('/').append(p.openImportant()));
            b.append(String.format(Locale.ROOT, "%n"));
        }
        return b.toString();
    }

    private static String days(Long d) {
        return d == null ? "-" : d + "d";
    }
}
