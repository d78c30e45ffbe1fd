package io.patchctl.core.insights;

import io.patchctl.core.store.ReportKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * What the insight service itself needs to know; the Lambda's {@code InsightsConfig} and
 * {@code patchctl analyze} each build it from their own inputs.
 *
 * @param environment  report-key segment of the environment
 * @param region       region assumed for events that carry none
 * @param signatureTtl how long a shared analysis is reused; zero disables sharing
 * @param logTailBytes how much of a Run Command output tail goes into the context
 */
public record InsightSettings(String environment, String region, Duration signatureTtl, int logTailBytes) {

    public InsightSettings {
        Objects.requireNonNull(environment, "environment");
        ReportKeys.segment(environment);
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(signatureTtl, "signatureTtl");
        if (signatureTtl.isNegative()) {
            throw new IllegalArgumentException("signature TTL must not be negative, was " + signatureTtl);
        }
        if (logTailBytes <= 0) {
            throw new IllegalArgumentException("log tail must be > 0 bytes, was " + logTailBytes);
        }
    }
}
