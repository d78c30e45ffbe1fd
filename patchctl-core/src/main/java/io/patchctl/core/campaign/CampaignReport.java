package io.patchctl.core.campaign;

import java.util.List;

/**
 * The campaign section of a RunReport ({@code campaign}; null when the run was not a campaign): the
 * ids asked for and what each came to on this host.
 *
 * @param cves       CVE ids asked for
 * @param advisories advisory ids asked for
 * @param results    one entry per id, CVEs first
 */
public record CampaignReport(List<String> cves, List<String> advisories, List<IdResult> results) {

    public CampaignReport {
        cves = cves == null ? List.of() : List.copyOf(cves);
        advisories = advisories == null ? List.of() : List.copyOf(advisories);
        results = results == null ? List.of() : List.copyOf(results);
    }

    /**
     * @param id       the CVE or advisory id
     * @param status   what it came to on this host
     * @param packages the packages with a pending update that fixes it (empty when not applicable)
     * @param reason   why it is held, pending or failed (null when fixed)
     */
    public record IdResult(String id, CampaignStatus status, List<String> packages, String reason) {
        public IdResult {
            packages = packages == null ? List.of() : List.copyOf(packages);
        }
    }

    /**
     * The host's result: the worst status among the ids; NOT_APPLICABLE only when no id applied here,
     * FIXED when every id that applied was fixed.
     */
    public CampaignStatus worst() {
        CampaignStatus worst = CampaignStatus.NOT_APPLICABLE;
        for (IdResult r : results) {
            if (r.status().worseThan(worst) || (worst == CampaignStatus.NOT_APPLICABLE && r.status() == CampaignStatus.FIXED)) {
                worst = r.status();
            }
        }
        return worst;
    }

    /** The result for {@code id}, or null when it was not asked for. */
    public IdResult result(String id) {
        return results.stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst().orElse(null);
    }
}
