package io.patchctl.aws.insights;

import io.patchctl.core.insights.InsightService;
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

/**
 * Wires the insights service from its configuration: S3 or a directory, Bedrock or the rules, SNS
 * when configured. Builds clients only (no connection, no credential lookup), so it is safe
 * in Lambda init and under SnapStart.
 */
public final class InsightsRuntime {

    private static final Duration LIFETIME = Duration.ofDays(3650);

    private InsightsRuntime() {
    }

    public static InsightService create(InsightsConfig config, Map<String, String> env, Clock clock) {
        return create(config, env, clock, config.analyst().equals("rules") ? null : bedrock(config, env));
    }

    /** As {@link #create(InsightsConfig, Map, Clock)} with a given model client (null for the rules). */
    public static InsightService create(InsightsConfig config, Map<String, String> env, Clock clock, ModelClient model) {
        ReportStore store = config.bucket() != null
                ? S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, config.region(), env), config.bucket())
                : new DirectoryReportStore(config.reportDir());
        RulesAnalyst rules = new RulesAnalyst();
        Analyst analyst = model == null ? rules : new ModelAnalyst(model, rules);
        Escalator escalator = Escalator.NONE;
        if (config.escalationTopicArn() != null) {
            String topicArn = SnsEscalator.requireTopicArn(config.escalationTopicArn());
            AwsClientSettings settings = AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, config.region(), env);
            escalator = new OnFirstEscalation(() -> SnsEscalator.create(settings, topicArn, store.describe()));
        }
        // No SSM lookups: the rule routes only per-instance events (the maintenance-window event names no
        // host, and its Get/Describe...TaskInvocation(s) calls cannot be scoped by IAM), so one host
        // failure is one analysis. A window event given to `patchctl analyze` is keyed by its execution.
        return new InsightService(config.settings(), store, analyst, WindowTargetResolver.NONE, escalator, clock);
    }

    /**
     * The Bedrock client for analyses, timeouts of {@link AwsClientSettings.Profile#BEDROCK_LAMBDA}. The
     * client's overall budget is meant for one agent run; a Lambda's client serves many events, so the
     * per-call timeout is the bound and the lifetime budget is lifted.
     */
    public static ModelClient bedrock(InsightsConfig config, Map<String, String> env) {
        AwsClientSettings settings = AwsClientSettings.of(AwsClientSettings.Profile.BEDROCK_LAMBDA, config.region(), env);
        // Optional Bedrock guardrail (Terraform sets both variables only when bedrock_guardrail_id is set).
        return BedrockModelClient.builder().settings(settings).modelId(config.modelId()).budget(LIFETIME)
                .guardrail(env.get("BEDROCK_GUARDRAIL_ID"), env.get("BEDROCK_GUARDRAIL_VERSION")).build();
    }
}
