package io.patchctl.core.campaign;

import io.patchctl.core.advisory.SecurityUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A CVE/advisory campaign ({@code patchctl run --cve … --advisory …}): the run is limited to the
 * updates that fix the listed ids. An update is selected when its advisory id is listed or its
 * advisory lists one of the CVEs; a package is selected when any of its pending updates is. Every
 * other package is held with {@link #holdReason}; selected packages still go through the rest of the
 * policy (a selected kernel stays held unless the policy allows kernels).
 *
 * @param cves       CVE ids asked for, validated by {@link CampaignIds#cve}
 * @param advisories advisory ids asked for, validated by {@link CampaignIds#advisory}
 */
public record CampaignSelection(List<String> cves, List<String> advisories) {

    /** No campaign: every update is in scope. */
    public static final CampaignSelection NONE = new CampaignSelection(List.of(), List.of());

    public CampaignSelection {
        cves = distinct(cves == null ? List.of() : cves.stream().map(CampaignIds::cve).toList());
        advisories = distinct(advisories == null ? List.of() : advisories.stream().map(CampaignIds::advisory).toList());
    }

    /** True when the run is limited to a campaign. */
    public boolean active() {
        return !cves.isEmpty() || !advisories.isEmpty();
    }

    /** Every id asked for, CVEs first, in the order given. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>(cves);
        ids.addAll(advisories);
        return ids;
    }

    /** True when this update fixes an id of the campaign (or there is no campaign). */
    public boolean selects(SecurityUpdate update) {
        if (!active()) {
            return true;
        }
        return advisories.stream().anyMatch(a -> a.equalsIgnoreCase(update.advisoryId()))
                || update.cves().stream().anyMatch(c -> cves.stream().anyMatch(c::equalsIgnoreCase));
    }

    /** True when {@code update} fixes {@code id} (a CVE or an advisory id of this campaign). */
    public static boolean fixes(SecurityUpdate update, String id) {
        return id.equalsIgnoreCase(update.advisoryId()) || update.cves().stream().anyMatch(id::equalsIgnoreCase);
    }

    /** The reason a package outside the campaign is held, or empty when one of its updates is selected. */
    public Optional<String> holdReason(Collection<SecurityUpdate> updates) {
        if (!active() || updates.stream().anyMatch(this::selects)) {
            return Optional.empty();
        }
        return Optional.of("not in campaign " + String.join(",", ids()));
    }

    private static List<String> distinct(List<String> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
