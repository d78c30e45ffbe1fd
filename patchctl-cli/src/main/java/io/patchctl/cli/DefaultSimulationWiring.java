package io.patchctl.cli;

import io.patchctl.cli.simulate.FailureAnalyzer;
import io.patchctl.cli.simulate.HostAgent;
import io.patchctl.cli.simulate.SimulatedRing;
import io.patchctl.cli.simulate.SimulationWiring;
import io.patchctl.cli.simulate.WorkflowHostAgent;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.BedrockModelClient;
import io.patchctl.core.plan.ModelAdvisor;
import io.patchctl.core.plan.StorePlanCache;
import io.patchctl.core.insights.Analyst;
import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.LogTail;
import io.patchctl.core.insights.ModelAnalyst;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.insights.InsightService;
import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.core.insights.InsightResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The production wiring of simulate, all in-process: the agent workflow with the rules advisor or
 * the Bedrock advisor (a model client per host run, the plan cache in the simulation's store, so
 * hosts with the same updates share one plan), and the insights service with the rules or Bedrock
 * analyst (a model client per event) writing to the same store.
 */
final class DefaultSimulationWiring implements SimulationWiring {

    private final Clock clock = Clock.systemUTC();

    @Override
    public HostAgent agent(String advisor, String modelId, String region, ReportStore store, PatchPolicy policy) {
        return agent(advisor, modelId, region, store, policy, null);
    }

    @Override
    public HostAgent agent(String advisor, String modelId, String region, ReportStore store, PatchPolicy policy,
                           SimulatedRing ring) {
        Path spool = Path.of(System.getProperty("java.io.tmpdir"), "patchctl-simulate-spool");
        if ("rules".equals(advisor)) {
            RulesAdvisor rules = new RulesAdvisor();
            return new WorkflowHostAgent((host, env) -> rules, spool, policy, ring);
        }
        // One model client per agent run, as on a real host: its overall time budget is per run.
        // The plan cache lives in the shared store, so hosts with the same updates share one plan.
        return (host, labHost, env, reports) -> {
            try (BedrockModelClient client = model(modelId, region)) {
                Advisor bedrock = new ModelAdvisor(client, StorePlanCache.builder().store(store).env(env)
                        .owner(host.instanceId()).clock(clock).pollInterval(Duration.ofMillis(100)).build(),
                        new RulesAdvisor());
                return new WorkflowHostAgent((h, e) -> bedrock, spool, policy, ring).run(host, labHost, env, reports);
            }
        };
    }

    @Override
    public FailureAnalyzer analyzer(String advisor, String modelId, String region, String environment,
                                    ReportStore store) {
        RulesAnalyst rules = new RulesAnalyst();
        // The store is handed to the service; the config's location only matters to the Lambda's own wiring.
        InsightsConfig config = new InsightsConfig(environment, region, null, Path.of(store.describe()), modelId,
                "rules".equals(advisor) ? "rules" : "bedrock", null, InsightsConfig.DEFAULT_SIGNATURE_TTL,
                LogTail.DEFAULT_MAX_BYTES);
        return event -> {
            InsightResult result;
            // One model client per event, as one Lambda invocation has: its time budget is per event.
            try (BedrockModelClient client = "rules".equals(advisor) ? null : model(modelId, region)) {
                Analyst analyst = client == null ? rules : new ModelAnalyst(client, rules);
                result = new InsightService(config.settings(), store, analyst, WindowTargetResolver.NONE, Escalator.NONE, clock)
                        .process(new String(event, StandardCharsets.UTF_8));
            }
            if (result.status() == InsightResult.Status.STORED || result.status() == InsightResult.Status.DUPLICATE) {
                String key = result.keys().get(0);
                byte[] body = store.get(key).orElseThrow(() -> new IllegalStateException(
                        "insight report " + key + " was stored but cannot be read back"));
                try {
                    return Optional.of(new FailureAnalyzer.StoredInsight(key, Json.mapper().readTree(body)));
                } catch (IOException e) {
                    throw new UncheckedIOException("insight report " + key + " is not JSON", e);
                }
            }
            if (result.status() == InsightResult.Status.REJECTED) {
                throw new IllegalStateException("the insights code rejected the synthesized event: " + result.reason());
            }
            return Optional.empty();
        };
    }

    private static BedrockModelClient model(String modelId, String region) {
        return BedrockModelClient.builder().modelId(modelId)
                .settings(AwsClientSettings.of(AwsClientSettings.Profile.BEDROCK_AGENT, region, System.getenv())).build();
    }
}
