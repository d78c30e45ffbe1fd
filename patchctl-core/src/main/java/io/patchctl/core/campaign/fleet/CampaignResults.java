package io.patchctl.core.campaign.fleet;

import io.patchctl.core.campaign.CampaignSelection;
import io.patchctl.core.campaign.CampaignStatus;
import io.patchctl.core.run.ExitCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A finished (or timed-out) campaign over a fleet.
 *
 * @param commandId the Run Command (or simulated) command id
 * @param timedOut  the wait ended before every host finished
 * @param hosts     one entry per host, in the order Run Command listed them
 */
public record CampaignResults(String environment, CampaignSelection selection, String commandId, boolean timedOut,
                              List<HostCampaignResult> hosts) {
    public CampaignResults {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** Hosts per overall result. */
    public Map<CampaignStatus, Integer> counts() {
        Map<CampaignStatus, Integer> counts = new EnumMap<>(CampaignStatus.class);
        for (CampaignStatus s : CampaignStatus.values()) {
            counts.put(s, 0);
        }
        hosts.forEach(h -> counts.merge(h.status(), 1, Integer::sum));
        return counts;
    }

    /**
     * 0 when every host fixed every id or none applied; 4 when any host failed; else 3 (held by policy,
     * pending, still running when the wait ended, or no host at all answered).
     */
    public ExitCode exitCode() {
        Map<CampaignStatus, Integer> counts = counts();
        if (counts.get(CampaignStatus.FAILED) > 0) {
            return ExitCode.FAILED;
        }
        if (hosts.isEmpty() || timedOut || counts.get(CampaignStatus.HELD) > 0 || counts.get(CampaignStatus.PENDING) > 0) {
            return ExitCode.NON_COMPLIANT;
        }
        return ExitCode.COMPLIANT;
    }
}
