package io.patchctl.lambda;

import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.core.insights.InsightResult;
import io.patchctl.core.insights.InsightService;
import io.patchctl.core.insights.SignatureCache;
import io.patchctl.testkit.FaultyStore;
import io.patchctl.testkit.ScriptedModel;
import io.patchctl.testkit.TestEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.FailureAnalysis;
import io.patchctl.core.insights.InsightReport;
import io.patchctl.core.insights.ModelAnalyst;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.model.ModelException;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's decisions with in-memory stand-ins for S3 and the model (HTTP paths: see the *IntegrationTest classes). */
class InsightServiceTest {

    static final String I1 = "i-0a1b2c3d4e5f60718";
    static final String CMD = "e8d3c0e4-71f7-4491-898f-c9b35bee5f3b";
    static final String DNF_REPO_DOWN = "Error: Failed to download metadata for repo 'rhel-8-for-x86_64-appstream-rpms': "
            + "Cannot download repomd.xml: Cannot download repodata/repomd.xml: All mirrors were tried";

    final InMemoryReportStore store = new InMemoryReportStore();
    final ScriptedModel model = new ScriptedModel();
    final List<String> escalated = new ArrayList<>();
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);

    static InsightsConfig config(Duration ttl) {
        return new InsightsConfig("dev", "us-east-2", "dev-rhel8-patch-logs-123456789012", null, null, "bedrock", null, ttl,
                8192);
    }

    InsightService service(WindowTargetResolver resolver) {
        Escalator escalator = (report, key) -> escalated.add(key);
        return new InsightService(config(Duration.ofHours(6)).settings(), store, new ModelAnalyst(model, new RulesAnalyst()), resolver,
                escalator, clock);
    }

    InsightService service() {
        return service(WindowTargetResolver.NONE);
    }

    JsonNode stored(String key) throws Exception {
        return Json.mapper().readTree(store.objects().get(key));
    }

    void putCommandOutput(String instance, String stderr) {
        store.put(TestEvents.commandOutputKey(CMD, instance, "stdout"), "Last metadata expiration check: 0:00:01 ago\n"
                .getBytes(StandardCharsets.UTF_8));
        store.put(TestEvents.commandOutputKey(CMD, instance, "stderr"), stderr.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandFailure_storesReportWithSeedFieldsAndAdditions() throws Exception {
        model.then(ScriptedModel.validReply(I1));
        putCommandOutput(I1, DNF_REPO_DOWN + "\n");

        InsightResult result = service().process(TestEvents.commandFailed("ev-1", "2026-11-21T02:14:02Z", I1, CMD));

        assertThat(result.status()).isEqualTo(InsightResult.Status.STORED);
        assertThat(result.keys()).containsExactly("bedrock-patch-insights/dev/" + I1 + "/20261121T021402Z.json");
        JsonNode report = stored(result.keys().get(0));
        assertThat(report.fieldNames()).toIterable().containsExactlyInAnyOrder("timestamp", "environment", "instance_id",
                "patch_status", "event", "analysis", "analysis_source", "model_id", "context", "schema", "rejected_commands");
        assertThat(report.get("timestamp").asText()).isEqualTo("2026-11-21T02:14:02Z");
        assertThat(report.get("environment").asText()).isEqualTo("dev");
        assertThat(report.get("instance_id").asText()).isEqualTo(I1);
        assertThat(report.get("patch_status").asText()).isEqualTo("Failed");
        assertThat(report.get("event").get("id").asText()).isEqualTo("ev-1");
        assertThat(report.get("analysis").fieldNames()).toIterable().containsExactlyElementsOf(FailureAnalysis.KEYS);
        assertThat(FailureAnalysis.fromJson(report.get("analysis")).severity().name()).isEqualTo("HIGH");
        assertThat(report.get("analysis_source").asText()).isEqualTo("bedrock");
        assertThat(report.get("model_id").asText()).isEqualTo("us.anthropic.claude-sonnet-4-6");
        assertThat(report.get("schema").asText()).isEqualTo(InsightReport.SCHEMA);
        JsonNode context = report.get("context");
        assertThat(context.get("error_class").asText()).isEqualTo("METADATA_DOWNLOAD");
        assertThat(context.get("command_output_keys")).hasSize(2);
        assertThat(context.get("log_tail").asText()).contains("All mirrors were tried");
        assertThat(context.get("model_calls").asInt()).isEqualTo(1);
        // the chained command the model suggested is kept out of the advice, with the reason
        assertThat(report.get("analysis").get("dnf_commands")).hasSize(1);
        assertThat(report.get("rejected_commands").get(0).get("command").asText()).isEqualTo("dnf makecache --refresh && reboot");
        assertThat(report.get("rejected_commands").get(0).get("reason").asText()).contains("shell syntax '&&'");
        assertThat(escalated).containsExactly(result.keys().get(0));
    }

    @Test
    void runReportErrorIsInThePrompt_secretsInTheLogAreNot() throws Exception {
        model.then(ScriptedModel.validReply(I1));
        store.put("bedrock-patch-runs/dev/" + I1 + "/20261121T021005Z-6b1f8c3e.json", TestEvents.runReport(I1,
                "Error: Transaction test error:\n  file /etc/ssl/openssl.cnf from install of openssl-libs-1:1.1.1k-12.el8_9.x86_64 "
                        + "conflicts with file from package compat-openssl-1:1.0.2o-4.el8.x86_64").getBytes(StandardCharsets.UTF_8));
        putCommandOutput(I1, "proxy=http://patch:Sup3rS3cret@proxy.corp:3128\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\n"
                + "using key AKIAIOSFODNN7EXAMPLE\nError: Transaction test error\n");

        InsightResult result = service().process(TestEvents.commandFailed("ev-2", "2026-11-21T02:14:02Z", I1, CMD));

        String prompt = model.requests.get(0).user();
        assertThat(prompt).contains("conflicts with file from package compat-openssl")
                .contains("bedrock-patch-runs/dev/" + I1 + "/20261121T021005Z-6b1f8c3e.json")
                .doesNotContain("Sup3rS3cret", "wJalrXUtnFEMI", "AKIAIOSFODNN7EXAMPLE");
        String report = new String(store.objects().get(result.keys().get(0)), StandardCharsets.UTF_8);
        assertThat(report).doesNotContain("Sup3rS3cret", "wJalrXUtnFEMI", "AKIAIOSFODNN7EXAMPLE");
        assertThat(stored(result.keys().get(0)).get("context").get("error_class").asText()).isEqualTo("FILE_CONFLICT");
    }

    @Test
    void runReportDistro_isInThePrompt_soTheModelNamesTheRealDistribution() throws Exception {
        model.then(ScriptedModel.validReply(I1));
        String run = TestEvents.runReport(I1, "Error: GPG check FAILED").replace("\"mode\":\"PATCH\",",
                "\"mode\":\"PATCH\",\"distro\":{\"id\":\"rocky\",\"version_id\":\"9.3\",\"name\":\"Rocky Linux\","
                        + "\"pretty_name\":\"Rocky Linux 9.3 (Blue Onyx)\"},");
        store.put("bedrock-patch-runs/dev/" + I1 + "/20261121T021005Z-6b1f8c3e.json", run.getBytes(StandardCharsets.UTF_8));

        service().process(TestEvents.commandFailed("ev-9", "2026-11-21T02:14:02Z", I1, CMD));

        assertThat(model.requests.get(0).user()).contains("distro: Rocky Linux 9.3 (Blue Onyx)").doesNotContain("RHEL 8");
    }

    @Test
    void modelGarbageTwice_reportStillHasEightValidKeysFromRules() throws Exception {
        model.then("I am not JSON").then("{\"root_cause\": \"\"}");
        putCommandOutput(I1, DNF_REPO_DOWN);

        InsightResult result = service().process(TestEvents.commandFailed("ev-3", "2026-11-21T02:14:02Z", I1, CMD));

        JsonNode report = stored(result.keys().get(0));
        assertThat(report.get("analysis_source").asText()).isEqualTo("rules");
        assertThat(report.get("context").get("fallback_reason").asText()).startsWith("invalid model reply twice");
        assertThat(report.get("analysis").size()).isEqualTo(8);
        assertThat(FailureAnalysis.fromJson(report.get("analysis")).dnfCommands()).contains("dnf makecache --refresh");
    }

    @Test
    void fiftyHostsWithTheSameDnfError_oneModelCall_fiftyReports_eachNamingItsHost() throws Exception {
        model.then(ScriptedModel.validReply(String.format("i-%017x", 0xabc000)));
        InsightService service = service();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String instance = String.format("i-%017x", 0xabc000 + i);
            putCommandOutput(instance, DNF_REPO_DOWN + "\n");
            keys.addAll(service.process(TestEvents.commandFailed("ev-" + i, "2026-11-21T02:14:02Z", instance, CMD)).keys());
        }

        assertThat(model.requests).hasSize(1);
        assertThat(keys).hasSize(50).doesNotHaveDuplicates();
        assertThat(store.list("bedrock-patch-insights/dev/_signatures/")).hasSize(1);
        JsonNode last = stored(keys.get(49));
        assertThat(last.get("analysis_source").asText()).isEqualTo("cache");
        assertThat(last.get("context").get("model_calls").asInt()).isZero();
        String lastInstance = String.format("i-%017x", 0xabc000 + 49);
        assertThat(last.get("instance_id").asText()).isEqualTo(lastInstance);
        assertThat(last.get("analysis").get("aws_cli_commands").get(0).asText()).contains(lastInstance);
        assertThat(last.get("analysis").get("summary").asText()).startsWith(lastInstance);
    }

    @Test
    void sharedAnalysis_expiresAfterTtl() {
        model.then(ScriptedModel.validReply(I1));
        putCommandOutput(I1, DNF_REPO_DOWN);
        putCommandOutput("i-0f9e8d7c6b5a49382", DNF_REPO_DOWN);
        service().process(TestEvents.commandFailed("ev-a", "2026-11-21T02:14:02Z", I1, CMD));

        clock = Clock.offset(clock, Duration.ofHours(7));
        service().process(TestEvents.commandFailed("ev-b", "2026-11-21T02:14:03Z", "i-0f9e8d7c6b5a49382", CMD));

        assertThat(model.requests).hasSize(2);
    }

    @Test
    void modelFailure_isShared_soOtherHostsUseTheRulesUntilItExpires() throws Exception {
        model.then(new ModelException(ModelException.Reason.THROTTLED, "throttled"));
        for (String instance : List.of(I1, "i-0f9e8d7c6b5a49382", "i-0badc0ffee0ddf00d")) {
            putCommandOutput(instance, DNF_REPO_DOWN);
        }
        service().process(TestEvents.commandFailed("ev-a", "2026-11-21T02:14:02Z", I1, CMD));
        InsightResult second = service().process(TestEvents.commandFailed("ev-b", "2026-11-21T02:14:03Z", "i-0f9e8d7c6b5a49382", CMD));

        assertThat(model.requests).hasSize(1);
        JsonNode report = stored(second.keys().get(0));
        assertThat(report.get("analysis_source").asText()).isEqualTo("rules");
        assertThat(report.get("context").get("fallback_reason").asText())
                .matches("model failed for the same failure on another host \\d+ s ago: model THROTTLED: throttled");

        clock = Clock.offset(clock, SignatureCache.FAILURE_TTL.plusSeconds(1));
        service().process(TestEvents.commandFailed("ev-c", "2026-11-21T02:14:04Z", "i-0badc0ffee0ddf00d", CMD));
        assertThat(model.requests).hasSize(2);
    }

    @Test
    void concurrentHostsWithTheSameFailure_oneModelCall_othersWaitForIt() throws Exception {
        ScriptedModel slow = new ScriptedModel().withLatency(300).then(ScriptedModel.validReply(String.format("i-%017x", 0xcc0000)));
        InsightService service = new InsightService(config(Duration.ofHours(6)).settings(), store, new ModelAnalyst(slow, new RulesAnalyst()),
                WindowTargetResolver.NONE, Escalator.NONE, Clock.systemUTC(),
                new SignatureCache.Timing(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMillis(20)));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<InsightResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String instance = String.format("i-%017x", 0xcc0000 + i);
            putCommandOutput(instance, DNF_REPO_DOWN);
            String event = TestEvents.commandFailed("ev-c" + i, "2026-11-21T02:14:02Z", instance, CMD);
            results.add(pool.submit(() -> service.process(event)));
        }
        List<String> sources = new ArrayList<>();
        for (var f : results) {
            sources.add(Json.mapper().readTree(f.get(30, java.util.concurrent.TimeUnit.SECONDS).reports().get(0))
                    .get("analysis_source").asText());
        }
        pool.shutdown();

        assertThat(slow.requests).hasSize(1);
        assertThat(sources).containsOnlyOnce("bedrock").filteredOn("cache"::equals).hasSize(7);
    }

    @Test
    void abandonedLease_isTakenOver() throws Exception {
        model.then(ScriptedModel.validReply(I1));
        putCommandOutput(I1, DNF_REPO_DOWN);
        String signature = io.patchctl.core.insights.FailureSignature.of(
                io.patchctl.core.insights.DnfErrorClassifier.classify(DNF_REPO_DOWN, "Failed")).orElseThrow();
        store.put("bedrock-patch-insights/dev/_signatures/" + signature + ".json", ("{\"state\":\"PENDING\",\"created_at\":\""
                + clock.instant().minus(Duration.ofMinutes(10)) + "\"}").getBytes(StandardCharsets.UTF_8));

        InsightResult result = service().process(TestEvents.commandFailed("ev-l", "2026-11-21T02:14:02Z", I1, CMD));

        assertThat(model.requests).hasSize(1);
        assertThat(stored(result.keys().get(0)).get("analysis_source").asText()).isEqualTo("bedrock");
        assertThat(stored("bedrock-patch-insights/dev/_signatures/" + signature + ".json").get("state").asText()).isEqualTo("READY");
    }

    @Test
    void sameEventTwice_oneReport_oneModelCall() {
        model.then(ScriptedModel.validReply(I1));
        String event = TestEvents.commandFailed("ev-dup", "2026-11-21T02:14:02Z", I1, CMD);

        InsightResult first = service().process(event);
        InsightResult second = service().process(event);

        assertThat(second.status()).isEqualTo(InsightResult.Status.DUPLICATE);
        assertThat(second.keys()).isEqualTo(first.keys());
        assertThat(store.list("bedrock-patch-insights/dev/" + I1 + "/")).hasSize(1);
        assertThat(model.requests).hasSize(1);
    }

    @Test
    void twoEventsSameHostSameSecond_twoReports() {
        model.then(ScriptedModel.validReply(I1));
        InsightService service = service();
        String a = service.process(TestEvents.commandFailed("ev-x", "2026-11-21T02:14:02Z", I1, CMD)).keys().get(0);
        String b = service.process(TestEvents.commandFailed("ev-y", "2026-11-21T02:14:02Z", I1, "71a8b9c0-d1e2-4f3a-b4c5-d6e7f8a9b0c1"))
                .keys().get(0);
        InsightResult again = service.process(TestEvents.commandFailed("ev-y", "2026-11-21T02:14:02Z", I1,
                "71a8b9c0-d1e2-4f3a-b4c5-d6e7f8a9b0c1"));

        assertThat(a).isEqualTo("bedrock-patch-insights/dev/" + I1 + "/20261121T021402Z.json");
        assertThat(b).matches("bedrock-patch-insights/dev/" + I1 + "/20261121T021402Z-[0-9a-f]{8}\\.json");
        assertThat(again.status()).isEqualTo(InsightResult.Status.DUPLICATE);
        assertThat(store.list("bedrock-patch-insights/dev/" + I1 + "/")).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void retriedPutMeetingItsOwnObject_countsAsCreated_andStillEscalates() {
        model.then(ScriptedModel.validReply(I1));
        // S3 stored the first PUT, its response was lost, the SDK's retry got 412 for our own object.
        ReportStore lossy = new FaultyStore(store).loseCreateResponses();
        InsightService service = new InsightService(config(Duration.ofHours(6)).settings(), lossy, new ModelAnalyst(model, new RulesAnalyst()),
                WindowTargetResolver.NONE, (report, key) -> escalated.add(key), clock);

        InsightResult result = service.process(TestEvents.commandFailed("ev-lost", "2026-11-21T02:14:02Z", I1, CMD));

        assertThat(result.status()).isEqualTo(InsightResult.Status.STORED);
        assertThat(escalated).containsExactly("bedrock-patch-insights/dev/" + I1 + "/20261121T021402Z.json");
    }

    @Test
    void storeDown_throws_andNothingIsWritten() {
        model.then(ScriptedModel.validReply(I1));
        store.setDown(true);

        assertThatThrownBy(() -> service().process(TestEvents.commandFailed("ev-1", "2026-11-21T02:14:02Z", I1, CMD)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("in-memory store is down (test)");
        store.setDown(false);
        assertThat(store.objects()).isEmpty();
    }

    @Test
    void escalationFailure_doesNotFailTheEvent() {
        model.then(ScriptedModel.validReply(I1));
        InsightService service = new InsightService(config(Duration.ofHours(6)).settings(), store, new ModelAnalyst(model, new RulesAnalyst()),
                WindowTargetResolver.NONE, (r, k) -> {
                    throw new IllegalStateException("SNS down");
                }, clock);

        assertThat(service.process(TestEvents.commandFailed("ev-1", "2026-11-21T02:14:02Z", I1, CMD)).status())
                .isEqualTo(InsightResult.Status.STORED);
    }

    @Test
    void windowEvent_resolvedTarget_isReportedUnderTheHostWithItsCommandOutput() throws Exception {
        model.then(ScriptedModel.validReply(I1));
        putCommandOutput(I1, DNF_REPO_DOWN);
        InsightResult result = service(e -> List.of(new WindowTargetResolver.Target(I1, CMD)))
                .process(TestEvents.corpus("failure-mw-target-failed.json"));

        assertThat(result.keys()).containsExactly("bedrock-patch-insights/dev/" + I1 + "/20261121T021537Z.json");
        assertThat(stored(result.keys().get(0)).get("context").get("error_class").asText()).isEqualTo("METADATA_DOWNLOAD");
        assertThat(stored(result.keys().get(0)).get("context").get("window_execution_id").asText())
                .isEqualTo("6417e808-7f35-4d1a-843f-123456789012");
    }

    @Test
    void windowEvent_unresolved_isReportedUnderTheWindowExecution() {
        model.then(ScriptedModel.validReply(I1));
        InsightResult result = service().process(TestEvents.corpus("failure-mw-target-timed-out.json"));

        assertThat(result.keys()).containsExactly(
                "bedrock-patch-insights/dev/8a3f0b1c-2d3e-4f5a-9b6c-7d8e9f0a1b2c/20261121T041002Z.json");
    }

    @Test
    void malformedEvent_isKeptUnderRejectedOnce() throws Exception {
        InsightService service = service();
        InsightResult result = service.process("not json at all");
        service.process("not json at all");

        assertThat(result.status()).isEqualTo(InsightResult.Status.REJECTED);
        assertThat(result.reason()).startsWith("event is not valid JSON");
        assertThat(store.list("bedrock-patch-insights/dev/_rejected/")).containsExactly(result.keys().get(0));
        JsonNode kept = stored(result.keys().get(0));
        assertThat(kept.get("raw").asText()).isEqualTo("not json at all");
        assertThat(kept.get("reason").asText()).startsWith("event is not valid JSON");
        assertThat(model.requests).isEmpty();
    }

    @Test
    void config_fromEnvironment_missingBucket_namesTheVariable() {
        assertThatThrownBy(() -> InsightsConfig.fromEnvironment(Map.of("ENVIRONMENT", "dev")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("environment variable LOG_BUCKET is not set");
        assertThatThrownBy(() -> InsightsConfig.ttl("6 hours"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INSIGHTS_SIGNATURE_TTL must be an ISO-8601 duration (PT6H) or seconds, was '6 hours'");
        InsightsConfig c = InsightsConfig.fromEnvironment(Map.of("LOG_BUCKET", "b", "ENVIRONMENT", "prod", "REGION", "eu-west-1",
                "BEDROCK_MODEL", "m", "INSIGHTS_SIGNATURE_TTL", "PT30M"));
        assertThat(c.signatureTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.modelId()).isEqualTo("m");
    }
}
