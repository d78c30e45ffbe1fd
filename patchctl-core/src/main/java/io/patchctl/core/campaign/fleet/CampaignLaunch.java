package io.patchctl.core.campaign.fleet;

import io.patchctl.core.campaign.CampaignSelection;
import io.patchctl.core.store.ReportKeys;
import java.util.Objects;

/**
 * What {@code patchctl campaign} sends: the environment's document to the environment's hosts, with the
 * campaign's ids and Run Command's rate controls (validated by the adapter against the API's patterns).
 *
 * @param environment    the deployment's environment (document {env}-bedrock-rhel8-patch, tag PatchGroup=rhel8-{env})
 * @param selection      the CVEs/advisories; never empty (a campaign of nothing is a usage error)
 * @param maxConcurrency hosts at once: a count or a percentage ("10%")
 * @param maxErrors      failed hosts after which no more are started: a count or a percentage
 */
public record CampaignLaunch(String environment, CampaignSelection selection, String maxConcurrency, String maxErrors) {
    public CampaignLaunch {
        ReportKeys.segment(environment);
        Objects.requireNonNull(selection, "selection");
        if (!selection.active()) {
            throw new IllegalArgumentException("a campaign needs at least one --cve or --advisory");
        }
        Objects.requireNonNull(maxConcurrency, "maxConcurrency");
        Objects.requireNonNull(maxErrors, "maxErrors");
    }
}
