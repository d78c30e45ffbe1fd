package io.patchctl.core.report;

import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.ReleaseTrack;
import java.util.List;

/** The report's note when the host's repositories are locked to a release and dnf says newer ones exist. */
public final class ReleaseNotes {

    private static final int MAX_LISTED = 5;

    private ReleaseNotes() {
    }

    /**
     * @param newerReleases the releases dnf said are newer than the locked one, oldest first (may be empty)
     * @return one note, or none when the policy follows the latest release or dnf said nothing
     */
    public static List<String> of(Distro distro, PatchPolicy policy, List<String> newerReleases) {
        if (policy.release() == ReleaseTrack.LATEST || newerReleases.isEmpty()) {
            return List.of();
        }
        List<String> listed = newerReleases.size() <= MAX_LISTED ? newerReleases
                : newerReleases.subList(newerReleases.size() - MAX_LISTED, newerReleases.size());
        return List.of(distro.displayName() + " is locked to its installed release; dnf reports newer releases ("
                + String.join(", ", listed) + (newerReleases.size() > MAX_LISTED ? ", ..." : "")
                + "). Security advisories published for them are not offered here: set 'release: latest' in the policy"
                + " (dnf --releasever=latest) or move the host to a newer release.");
    }
}
