package io.patchctl.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Port: the insights code (the Lambda's, run in-process) given one EventBridge event. It stores the
 * InsightReport itself, in the same report store as the agent's RunReports.
 */
@FunctionalInterface
public interface FailureAnalyzer {

    /**
     * @param event the EventBridge event JSON, exactly as AWS would deliver it
     * @return the stored InsightReport (key and JSON), or empty when the event was skipped
     */
    Optional<StoredInsight> analyze(byte[] event);

    /** An InsightReport and where it was stored. */
    record StoredInsight(String key, JsonNode report) {
    }
}
