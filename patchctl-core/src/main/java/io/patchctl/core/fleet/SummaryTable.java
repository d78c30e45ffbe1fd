package io.patchctl.core.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The plain-text table printed on stdout at the end of a cycle: one row per host, then the totals. */
public final class SummaryTable {

    private static final String[] HEADERS = {"HOST", "DISTRO", "STATUS", "INSTALLED", "HELD", "REJECTED", "ADVISOR", "ROOT CAUSE"};
    private static final int ROOT_CAUSE_WIDTH = 70;

    public String render(FleetReport report) {
        List<String[]> rows = new ArrayList<>();
        for (HostResult r : report.hosts()) {
            boolean ran = r.outcome() != HostOutcome.NOT_STARTED;
            rows.add(new String[] {
                r.instanceId(),
                r.distro().isEmpty() ? "-" : r.distro(),
                r.outcome().name(),
                ran ? String.valueOf(r.installed().size()) : "-",
                ran ? String.valueOf(r.held().size()) : "-",
                ran ? String.valueOf(r.rejected().size()) : "-",
                ran ? r.advisorLabel() : "-",
                rootCause(r)
            });
        }
        int[] width = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            width[i] = HEADERS[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, HEADERS, width);
        rows.forEach(row -> line(out, row, width));
        Map<HostOutcome, Integer> o = report.outcomes();
        out.append('\n').append(report.hosts().size()).append(" hosts: ")
                .append(o.get(HostOutcome.COMPLIANT)).append(" compliant, ")
                .append(o.get(HostOutcome.NON_COMPLIANT)).append(" non-compliant, ")
                .append(o.get(HostOutcome.FAILED)).append(" failed, ")
                .append(o.get(HostOutcome.NOT_STARTED)).append(" not started; ")
                .append(report.installedCount()).append(" packages installed, ")
                .append(report.heldCount()).append(" held, ")
                .append(report.rejectedCount()).append(" rejected; ")
                .append(report.insightCount()).append(" failure analyses\n");
        return out.toString();
    }

    private static String rootCause(HostResult r) {
        String text;
        if (r.insight() != null && !r.insight().rootCause().isBlank()) {
            text = r.insight().rootCause();
        } else if (r.outcome() == HostOutcome.NOT_STARTED) {
            text = "not started (max errors reached)";
        } else if (r.outcome() == HostOutcome.COMPLIANT) {
            text = "";
        } else {
            text = r.error() == null ? "(no analysis)" : "(no analysis) " + r.error();
        }
        // one line per host, whatever the analysis says
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() <= ROOT_CAUSE_WIDTH ? text : text.substring(0, ROOT_CAUSE_WIDTH - 3) + "...";
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            out.append(last ? cells[i] : pad(cells[i], width[i])).append(last ? "" : "  ");
        }
        out.append('\n');
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }
}
