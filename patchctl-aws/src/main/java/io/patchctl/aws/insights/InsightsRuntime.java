package io.patchctl.aws.insights;

import io.patchctl.core.insights.InsightService;
import io.patchctl.aws.AwsClientConfig;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.BedrockModelClient;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.aws.SnsEscalator;
import io.patchctl.core.insights.Analyst;
import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.ModelAnalyst;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.model.ModelClient;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * Wires the insights service from its configuration: S3 or a directory, Bedrock or the rules, SNS
 * when configured. Builds clients only (no connection, no credential lookup), so it is safe
 * in Lambda init and under SnapStart.
 */
public final class InsightsRuntime {

    /** 20 s per call, throttling retries included: see {@link #bedrock}. */
    private static final AwsClientConfig BEDROCK_CONFIG = AwsClientConfig.of(Duration.ofSeconds(20), Duration.ofSeconds(20), 3);
    private static final Duration LIFETIME = Duration.ofDays(3650);

    private InsightsRuntime() {
    }

    public static InsightService create(InsightsConfig config, Map<String, String> env, Clock clock) {
        return create(config, env, clock, config.analyst().equals("rules") ? null : bedrock(config, env));
    }

    /** As {@link #create(InsightsConfig, Map, Clock)} with a given model client (null for the rules). */
    public static InsightService create(InsightsConfig config, Map<String, String> env, Clock clock, ModelClient model) {
        Region region = Region.of(config.region());
        ReportStore store = config.bucket() != null
                ? S3ReportStore.create(config.bucket(), region, AwsClientConfig.storageDefaults(), env)
                : new DirectoryReportStore(config.reportDir());
        RulesAnalyst rules = new RulesAnalyst();
        Analyst analyst = model == null ? rules : new ModelAnalyst(model, rules);
        Escalator escalator = config.escalationTopicArn() == null ? Escalator.NONE
                : SnsEscalator.create(config.escalationTopicArn(), region, AwsClientConfig.storageDefaults(), env, store.describe());
        // No SSM lookups: the rule routes only per-instance events (the maintenance-window event names no
        // host, and its Get/Describe...TaskInvocation(s) calls cannot be scoped by IAM), so one host
        // failure is one analysis. A window event given to `patchctl analyze` is keyed by its execution.
        return new InsightService(config.settings(), store, analyst, WindowTargetResolver.NONE, escalator, clock);
    }

    /**
     * The Bedrock client for analyses. A typical answer (300-600 of the 1500 allowed tokens) takes 5-15 s; a
     * call, throttling retries included, is cut at 20 s so that an answer plus one repair fit the Lambda's
     * 60 s timeout (InsightsHandler.MIN_MILLIS_PER_MESSAGE); a slower model falls back to the rules analyst. The client's overall budget is meant for one agent run; a Lambda's client
     * serves many events, so the per-call timeout is the bound and the lifetime budget is lifted.
     */
    public static ModelClient bedrock(InsightsConfig config, Map<String, String> env) {
        AwsClientSettings settings = BEDROCK_CONFIG.settings(Region.of(config.region()), env,
                AwsClientConfig.endpointOverride(env, "BEDROCK_RUNTIME", "BedrockRuntime")).toBuilder()
                .backoff(Duration.ofMillis(500), Duration.ofSeconds(10))
                .build();
        // Optional Bedrock guardrail (Terraform sets both variables only when bedrock_guardrail_id is set).
        return BedrockModelClient.builder().settings(settings).modelId(config.modelId()).budget(LIFETIME)
                .guardrail(env.get("BEDROCK_GUARDRAIL_ID"), env.get("BEDROCK_GUARDRAIL_VERSION")).build();
    }
}
