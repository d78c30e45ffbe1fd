package io.patchctl.aws.insights;

import io.patchctl.aws.BedrockModels;
import io.patchctl.core.insights.InsightSettings;
import io.patchctl.core.insights.LogTail;
import io.patchctl.core.store.ReportKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The insights settings. In Lambda they come from the seed's environment variables
 * ({@code LOG_BUCKET}, {@code BEDROCK_MODEL}, {@code REGION}, {@code ENVIRONMENT},
 * {@code ESCALATION_TOPIC_ARN}) plus {@code INSIGHTS_ANALYST} and {@code INSIGHTS_SIGNATURE_TTL};
 * {@code patchctl analyze} fills them from its options.
 *
 * @param bucket       S3 bucket of reports and logs, or null when {@code reportDir} is used
 * @param reportDir    local directory standing in for the bucket, or null
 * @param analyst      "bedrock" or "rules"
 * @param signatureTtl how long a shared analysis is reused; zero disables sharing
 */
public record InsightsConfig(String environment, String region, String bucket, Path reportDir, String modelId,
                             String analyst, String escalationTopicArn, Duration signatureTtl, int logTailBytes) {

    public static final Duration DEFAULT_SIGNATURE_TTL = Duration.ofHours(6);

    public InsightsConfig {
        Objects.requireNonNull(environment, "environment");
        try {
            ReportKeys.segment(environment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment must be a key-safe name ([A-Za-z0-9._:-]), was '" + environment + "'", e);
        }
        Objects.requireNonNull(region, "region");
        if ((bucket == null) == (reportDir == null)) {
            throw new IllegalArgumentException("exactly one of a report bucket and a report directory must be set");
        }
        if (!analyst.equals("bedrock") && !analyst.equals("rules")) {
            throw new IllegalArgumentException("analyst must be 'bedrock' or 'rules', was '" + analyst + "'");
        }
        if (signatureTtl.isNegative()) {
            throw new IllegalArgumentException("signature TTL must not be negative, was " + signatureTtl);
        }
        modelId = modelId == null || modelId.isBlank() ? BedrockModels.DEFAULT_MODEL_ID : modelId;
        escalationTopicArn = escalationTopicArn == null || escalationTopicArn.isBlank() ? null : escalationTopicArn;
    }

    /** What the insight service needs of this configuration. */
    public InsightSettings settings() {
        return new InsightSettings(environment, region, signatureTtl, logTailBytes);
    }

    /** The Lambda's configuration; fails with the variable's name when one is missing or wrong. */
    public static InsightsConfig fromEnvironment(Map<String, String> env) {
        String bucket = required(env, "LOG_BUCKET");
        String environment = required(env, "ENVIRONMENT");
        String region = first(env.get("REGION"), env.get("AWS_REGION"), BedrockModels.DEFAULT_REGION);
        String analyst = first(env.get("INSIGHTS_ANALYST"), "bedrock", null).toLowerCase(Locale.ROOT);
        return new InsightsConfig(environment, region, bucket, null, env.get("BEDROCK_MODEL"), analyst,
                env.get("ESCALATION_TOPIC_ARN"), ttl(env.get("INSIGHTS_SIGNATURE_TTL")), LogTail.DEFAULT_MAX_BYTES);
    }

    /** Parses an ISO-8601 duration (PT6H, PT30M) or whole seconds; blank means the 6 h default. */
    public static Duration ttl(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_SIGNATURE_TTL;
        }
        try {
            return text.strip().chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text.strip()))
                    : Duration.parse(text.strip());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("INSIGHTS_SIGNATURE_TTL must be an ISO-8601 duration (PT6H) or seconds, was '"
                    + text + "'", e);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value.strip();
    }

    private static String first(String a, String b, String c) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : c;
    }
}
