package io.patchctl.core.campaign.fleet;

/**
 * Port: runs the patch document on an environment's hosts and says how far it got. SSM Run Command in
 * production (patchctl-aws SsmFleetCommands), the lab fleet in {@code patchctl simulate --cve}.
 */
public interface FleetCommands {

    /**
     * Starts the command.
     *
     * @return its id and when it was requested (the service's clock)
     * @throws FleetCommandException when it cannot be started (no such document/environment, rejected parameters, …)
     */
    SentCommand send(CampaignLaunch launch);

    /** @throws FleetCommandException when the status cannot be read */
    CommandProgress progress(String commandId);

    /** A started command. */
    record SentCommand(String commandId, java.time.Instant requestedAt) {
    }
}
