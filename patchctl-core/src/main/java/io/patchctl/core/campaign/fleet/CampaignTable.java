package io.patchctl.core.campaign.fleet;

import io.patchctl.core.campaign.CampaignStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-host table {@code patchctl campaign} (and {@code simulate --cve}) prints: one row per host,
 * one column per id, then the reasons of every id held, pending or failed, then the counts.
 */
public final class CampaignTable {

    private CampaignTable() {
    }

    public static String render(CampaignResults results) {
        List<String> ids = results.selection().ids();
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("HOST", "INVOCATION", "RESULT"));
        header.addAll(ids);
        rows.add(header.toArray(String[]::new));
        for (HostCampaignResult h : results.hosts()) {
            List<String> row = new ArrayList<>(List.of(h.invocation().instanceId(), h.invocation().state().name(),
                    label(h.status())));
            ids.forEach(id -> row.add(label(h.statusOf(id))));
            rows.add(row.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        StringBuilder sb = new StringBuilder();
        sb.append("campaign ").append(String.join(",", ids)).append(" on PatchGroup rhel8-").append(results.environment())
                .append(", command ").append(results.commandId()).append(": ").append(results.hosts().size())
                .append(" host(s)").append(results.timedOut() ? ", wait timed out" : "").append('\n');
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", r[i]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        for (HostCampaignResult h : results.hosts()) {
            for (String id : ids) {
                CampaignStatus s = h.statusOf(id);
                String reason = h.reasonOf(id);
                if (s != CampaignStatus.FIXED && s != CampaignStatus.NOT_APPLICABLE && reason != null) {
                    sb.append("  ").append(h.invocation().instanceId()).append(' ').append(id).append(' ').append(label(s))
                            .append(": ").append(oneLine(reason)).append('\n');
                }
            }
        }
        Map<CampaignStatus, Integer> counts = results.counts();
        sb.append("hosts: fixed ").append(counts.get(CampaignStatus.FIXED))
                .append(", not applicable ").append(counts.get(CampaignStatus.NOT_APPLICABLE))
                .append(", held by policy ").append(counts.get(CampaignStatus.HELD))
                .append(", pending ").append(counts.get(CampaignStatus.PENDING))
                .append(", failed ").append(counts.get(CampaignStatus.FAILED)).append('\n');
        return sb.toString();
    }

    /** A reason on one line of at most {@value #MAX_REASON} characters (dnf errors span several lines). */
    static String oneLine(String reason) {
        String flat = reason.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_REASON ? flat : flat.substring(0, MAX_REASON - 1) + "…";
    }

    private static final int MAX_REASON = 240;

    /** fixed, not-applicable, held, pending, failed: the words of the issue. */
    static String label(CampaignStatus s) {
        return switch (s) {
            case FIXED -> "fixed";
            case NOT_APPLICABLE -> "not-applicable";
            case HELD -> "held-by-policy";
            case PENDING -> "pending";
            case FAILED -> "failed";
        };
    }
}
