package io.patchctl.agent;

import io.patchctl.core.run.PostRunHook;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.BedrockApi;
import io.patchctl.aws.BedrockModelClient;
import io.patchctl.aws.Ec2InstanceMetadata;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.aws.SsmComplianceReporter;
import io.patchctl.core.plan.ModelAdvisor;
import io.patchctl.core.plan.PlanCache;
import io.patchctl.core.plan.StorePlanCache;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.store.ReportStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the AWS adapters of one {@code patchctl run}: the Bedrock advisor (with plan cache), the
 * S3 report store, the IMDS instance-id lookup and the SSM compliance hook. Endpoints come from the
 * SDK's standard settings ({@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}, {@code AWS_ENDPOINT_URL_S3},
 * {@code AWS_ENDPOINT_URL_SSM} or the {@code aws.endpointUrl*} system properties).
 */
final class AwsAdapters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsAdapters.class);

    private final Map<String, String> env;
    private S3ReportStore bucketStore;
    private final java.util.List<AutoCloseable> clients = new java.util.ArrayList<>();

    AwsAdapters(Map<String, String> env) {
        this.env = env;
    }

    /** The S3 store of {@code --report-bucket}, built once per run (also the plan cache's store). */
    synchronized S3ReportStore bucketStore(AgentComponents.Settings s) {
        if (bucketStore == null) {
            bucketStore = S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, s.region(), env), s.reportBucket());
            clients.add(bucketStore);
        }
        return bucketStore;
    }

    /** The Bedrock advisor; falls back to rules on any model failure (the reason goes into the report). */
    Advisor bedrockAdvisor(AgentComponents.Settings s, Optional<ReportStore> planCacheStore, String owner) {
        Duration budget = s.bedrockBudget();
        // One slow attempt may take half the budget, so a retry still fits.
        Duration attempt = budget.dividedBy(2).compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : budget.dividedBy(2);
        AwsClientSettings settings = AwsClientSettings.of(AwsClientSettings.Profile.BEDROCK_AGENT, s.region(), env)
                .withCallTimeouts(budget, attempt);
        BedrockModelClient client = BedrockModelClient.builder().settings(settings).modelId(s.modelId())
                .api(BedrockApi.parse(s.bedrockApi())).budget(budget)
                .reasoningBudget(s.bedrock().reasoningBudget())
                .guardrail(s.bedrock().guardrailId(), s.bedrock().guardrailVersion()).build();
        synchronized (this) {
            clients.add(client);
        }
        PlanCache cache = planCacheStore.filter(x -> s.planCache())
                .map(store -> (PlanCache) StorePlanCache.builder().store(store).env(s.environment()).owner(owner)
                        .ttl(s.planCacheTtl()).leaseTimeout(budget.plusSeconds(30)).build())
                .orElse(null);
        return new ModelAdvisor(client, cache, new RulesAdvisor(), s.bedrock().structuredOutput());
    }

    /**
     * Closes the SDK clients of this run (each has its own timeout-scheduler threads): after the
     * last hook, so many runs in one JVM (tests, simulate) do not accumulate them.
     */
    @Override
    public synchronized void close() {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        clients.clear();
        bucketStore = null;
    }

    Optional<String> instanceId() {
        return Ec2InstanceMetadata.fromEnvironment(env).instanceId();
    }

    /** PutComplianceItems after the run, only for EC2 / managed instances; failures are logged, never fatal. */
    PostRunHook complianceHook(AgentComponents.Settings s) {
        return report -> {
            if (!SsmComplianceReporter.isManagedInstance(report.instanceId())) {
                LOG.info("compliance not reported: instance id {} is not an EC2 or managed instance", report.instanceId());
                return;
            }
            AwsClientSettings settings = AwsClientSettings.of(AwsClientSettings.Profile.COMPLIANCE, s.region(), env);
            try (SsmComplianceReporter reporter = SsmComplianceReporter.create(settings, s.complianceType())) {
                SsmComplianceReporter.Outcome outcome = reporter.report(report);
                if (outcome.error() != null) {
                    LOG.warn("compliance not reported instance={} error={}", report.instanceId(), outcome.error());
                }
            }
        };
    }
}
