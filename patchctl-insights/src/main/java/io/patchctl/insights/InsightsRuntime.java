package io.patchctl.insights;

import io.patchctl.aws.AwsClientConfig;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.aws.SnsEscalator;
import io.patchctl.aws.SsmWindowTargetResolver;
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
 * and SSM when configured. Builds clients only (no connection, no credential lookup), so it is safe
 * in Lambda init and under SnapStart.
 */
public final class InsightsRuntime {

    /** Target lookup is a nicety: fail fast when SSM is not reachable and key the report by window execution. */
    private static final AwsClientConfig SSM_CONFIG = AwsClientConfig.of(Duration.ofSeconds(5), Duration.ofSeconds(2), 2);

    private InsightsRuntime() {
    }

    public static InsightService create(InsightsConfig config, Map<String, String> env, Clock clock) {
        Region region = Region.of(config.region());
        ReportStore store = config.bucket() != null
                ? S3ReportStore.create(config.bucket(), region, AwsClientConfig.storageDefaults(), env)
                : new DirectoryReportStore(config.reportDir());
        RulesAnalyst rules = new RulesAnalyst();
        Analyst analyst = config.analyst().equals("rules") ? rules : new ModelAnalyst(bedrock(config, env), rules);
        Escalator escalator = config.escalationTopicArn() == null ? Escalator.NONE
                : SnsEscalator.create(config.escalationTopicArn(), region, AwsClientConfig.storageDefaults(), env, store.describe());
        WindowTargetResolver resolver = config.bucket() != null ? SsmWindowTargetResolver.create(region, SSM_CONFIG, env)
                : WindowTargetResolver.NONE;
        return new InsightService(config, store, analyst, resolver, escalator, clock);
    }

    private static ModelClient bedrock(InsightsConfig config, Map<String, String> env) {
        // Replaced by io.patchctl.aws.BedrockModelClient when issue-3-bedrock is merged.
        throw new IllegalStateException("the Bedrock model client is not available in this build; set INSIGHTS_ANALYST=rules");
    }
}
