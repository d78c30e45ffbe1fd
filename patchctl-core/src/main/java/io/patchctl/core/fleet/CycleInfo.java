package io.patchctl.core.fleet;

/**
 * How a simulated cycle was run (absent when a report is rendered from stored reports).
 *
 * @param commandId          the Run Command id shared by every host
 * @param hostsRequested     hosts in the fleet
 * @param maxConcurrency     hosts at a time
 * @param maxErrors          failures tolerated before no new host starts
 * @param stoppedEarly       true when max-errors stopped the cycle
 * @param wallMillis         wall time of the cycle (hosts, analyses and reports)
 * @param advisor            rules or bedrock
 * @param distinctUpdateSets how many different pending-update sets the fleet had
 * @param modelCalls         Bedrock calls made for plans (cache hits excluded)
 * @param store              where reports were stored
 */
public record CycleInfo(String commandId, int hostsRequested, int maxConcurrency, int maxErrors, boolean stoppedEarly,
                        long wallMillis, String advisor, int distinctUpdateSets, long modelCalls, String store) {

    /** Hosts per minute over the cycle's wall time. */
    public double hostsPerMinute(int hostsRun) {
        return wallMillis <= 0 ? 0 : hostsRun * 60_000.0 / wallMillis;
    }
}
