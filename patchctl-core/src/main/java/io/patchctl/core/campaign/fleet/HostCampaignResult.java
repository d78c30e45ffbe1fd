package io.patchctl.core.campaign.fleet;

import io.patchctl.core.campaign.CampaignReport;
import io.patchctl.core.campaign.CampaignStatus;

/**
 * One host's part in a campaign: its invocation, and the campaign section of the RunReport it stored.
 *
 * @param report the host's campaign report, or null when none was found (then {@code note} says why)
 * @param note   why there is no report (still running, failed before the agent ran), or null
 */
public record HostCampaignResult(HostInvocation invocation, CampaignReport report, String note) {

    /** The host's overall result: the worst of its ids; FAILED without a report once it finished, else PENDING. */
    public CampaignStatus status() {
        if (report != null) {
            return report.worst();
        }
        return invocation.state().terminal() ? CampaignStatus.FAILED : CampaignStatus.PENDING;
    }

    /** What {@code id} came to on this host. */
    public CampaignStatus statusOf(String id) {
        CampaignReport.IdResult result = report == null ? null : report.result(id);
        return result == null ? status() : result.status();
    }

    /** Why {@code id} is held, pending or failed here, or null. */
    public String reasonOf(String id) {
        CampaignReport.IdResult result = report == null ? null : report.result(id);
        return result == null ? note : result.reason();
    }
}
