package io.patchctl.core.insights;

import io.patchctl.core.insights.event.FailureEvent;
import java.util.Objects;

/**
 * Everything an analyst gets: the event, where it happened, the evidence and its classification.
 *
 * @param region the AWS region commands should target (the event's, else the configured one)
 */
public record FailureContext(FailureEvent event, String environment, String region, Evidence evidence,
                             Classification classification) {

    public FailureContext {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(classification, "classification");
    }

    public static FailureContext of(FailureEvent event, String environment, String defaultRegion, Evidence evidence) {
        String region = event.region() != null && !event.region().isBlank() ? event.region() : defaultRegion;
        return new FailureContext(event, environment, region, evidence,
                DnfErrorClassifier.classify(java.util.List.of(evidence.runReportExcerpt(), evidence.logTail()), event.status()));
    }
}
