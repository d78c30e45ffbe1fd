package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.ModelAnalyst;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.model.ModelClient;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import io.patchctl.core.insights.InsightService;
import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.lambda.InsightsHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of 200 failure events through the failure path as Terraform configures it (batch size,
 * function timeout, visibility timeout, maxReceiveCount, maximum concurrency: the variables' defaults
 * and the queue's formula), with the real InsightsHandler and InsightService on a directory store and
 * a model that takes 15 s per call (simulated time) and throttles every 8th call. Some report writes
 * fail once (retried) and one event's write always fails (the DLQ after real attempts). The claim:
 * every event is analysed, or is in the DLQ only after maxReceiveCount real attempts; no event is
 * handed back unprocessed by the batch arithmetic and no invocation overruns its timeout.
 */
class FailurePathBurstTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 200;
    private static final Duration MODEL_LATENCY = Duration.ofSeconds(15);
    /** A throttled call: the client's retries use up its 20 s cut, then the rules analyst answers. */
    private static final Duration THROTTLED_CALL = Duration.ofSeconds(20);
    private static final int THROTTLE_EVERY = 8;
    private static final Set<Integer> FAIL_FIRST_WRITE = Set.of(3, 17, 42, 99, 150, 151, 152, 199);
    private static final int ALWAYS_FAILS = 77;

    @TempDir
    Path reports;

    record Figures(int analysed, int byModel, int retried, int dlq, int handedBackUnprocessed, int dlqUnanalysed,
                   int poisonAttempts, SqsLambdaSimulation.Outcome outcome) {
    }

    @Test
    void burstOf200_with15sModel_everyEventAnalysed_orInTheDlqOnlyAfterRealRetries() {
        SqsLambdaSimulation.Settings settings = terraformSettings();
        Figures f = run(settings);

        assertThat(f.handedBackUnprocessed()).as("receives that never reached the analysis (batch arithmetic)").isZero();
        assertThat(f.outcome().timeouts()).as("invocations stopped by the function timeout").isZero();
        assertThat(f.analysed()).as("analysed events").isEqualTo(EVENTS - 1);
        assertThat(f.dlq()).as("events in the DLQ").isEqualTo(1);
        assertThat(f.dlqUnanalysed()).isEqualTo(1);
        assertThat(f.poisonAttempts()).as("real attempts before the DLQ").isEqualTo(settings.maxReceiveCount());
        assertThat(f.retried()).as("events delivered more than once: the failed writes").isEqualTo(FAIL_FIRST_WRITE.size() + 1);
        assertThat(f.byModel()).as("most analyses are the model's").isGreaterThan(EVENTS / 2);
    }

    @Test
    void theSeedsArithmetic_batch5In60s_handsEventsBackUnprocessed_untilTheyReachTheDlq() {
        // So the test above can fail: the seed's settings, same burst, same model.
        Figures f = run(new SqsLambdaSimulation.Settings(5, Duration.ofSeconds(60), Duration.ofSeconds(360), 5, 5));

        assertThat(f.handedBackUnprocessed()).isPositive();
        assertThat(f.dlqUnanalysed()).as("events in the DLQ that were never analysed").isGreaterThan(1);
    }

    @Test
    void terraformsMessageBudget_isTheHandlers() throws Exception {
        var field = InsightsHandler.class.getDeclaredField("MIN_MILLIS_PER_MESSAGE");
        field.setAccessible(true);
        String locals = HclSource.module(TerraformTree.root()).block("locals");

        assertThat(Integer.parseInt(HclSource.attribute(locals, "insights_message_budget_seconds")) * 1000L)
                .isEqualTo(((Number) field.get(null)).longValue());
        assertThat(HclSource.attribute(locals, "insights_min_timeout_seconds")).isEqualTo(
                "var.insights_batch_size * local.insights_message_budget_seconds + local.insights_start_margin_seconds");
        SqsLambdaSimulation.Settings defaults = terraformSettings();
        assertThat(defaults.functionTimeout().toSeconds())
                .isGreaterThanOrEqualTo(defaults.batchSize() * 55L + Integer.parseInt(HclSource.attribute(locals, "insights_start_margin_seconds")));
        assertThat(defaults.visibilityTimeout()).isEqualTo(defaults.functionTimeout().multipliedBy(6));
    }

    private Figures run(SqsLambdaSimulation.Settings settings) {
        long wallStart = System.nanoTime();
        SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-21T02:15:00Z"));
        CountingStore store = new CountingStore(new DirectoryReportStore(reports));
        SlowModel model = new SlowModel(clock);
        InsightsConfig config = new InsightsConfig("dev", "us-east-2", "dev-rhel8-patch-logs-123456789012", null, null,
                "bedrock", null, Duration.ZERO, 8192);
        InsightsHandler handler = new InsightsHandler(new InsightService(config.settings(), store,
                new ModelAnalyst(model, new RulesAnalyst()), WindowTargetResolver.NONE, Escalator.NONE, clock));

        SqsLambdaSimulation sqs = new SqsLambdaSimulation(settings, clock);
        Map<String, String> instanceOfMessage = new HashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            String instance = String.format("i-%017x", 0xa000 + i);
            String id = "m" + i;
            instanceOfMessage.put(id, instance);
            sqs.send(id, commandFailed("ev-" + i, instance));
            if (FAIL_FIRST_WRITE.contains(i)) {
                store.failures.put(instance, 1);
            } else if (i == ALWAYS_FAILS) {
                store.failures.put(instance, Integer.MAX_VALUE);
            }
        }

        SqsLambdaSimulation.Outcome outcome = sqs.drain((batch, deadline) -> invoke(handler, batch, clock, deadline));
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;

        int analysed = 0;
        int retried = 0;
        int dlq = 0;
        int dlqUnanalysed = 0;
        int handedBackUnprocessed = 0;
        int byModel = 0;
        for (SqsLambdaSimulation.Message m : sqs.messages()) {
            String instance = instanceOfMessage.get(m.id);
            int attempts = store.attempts.getOrDefault(instance, 0);
            handedBackUnprocessed += m.receives - attempts;
            retried += m.receives > 1 ? 1 : 0;
            Optional<String> source = store.analysisSource(instance);
            if (m.inDeadLetterQueue) {
                dlq++;
                dlqUnanalysed += source.isEmpty() ? 1 : 0;
            }
            if (source.isPresent()) {
                analysed++;
                byModel += source.get().equals("bedrock") ? 1 : 0;
            }
        }
        System.out.printf("failure-path burst: settings batch=%d timeout=%ds visibility=%ds maxReceiveCount=%d concurrency=%d%n",
                settings.batchSize(), settings.functionTimeout().toSeconds(), settings.visibilityTimeout().toSeconds(),
                settings.maxReceiveCount(), settings.maxConcurrency());
        System.out.printf("failure-path burst: events=%d analysed=%d (model %d, rules after throttling %d) retried=%d dlq=%d (unanalysed %d)"
                        + " handed-back-unprocessed=%d invocations=%d timeouts=%d model-calls=%d simulated=%ds wall=%.2fs%n",
                EVENTS, analysed, byModel, analysed - byModel, retried, dlq, dlqUnanalysed, handedBackUnprocessed, outcome.invocations(),
                outcome.timeouts(), model.calls, outcome.makespan().toSeconds(), wallSeconds);

        String poison = instanceOfMessage.get(sqs.messages().get(ALWAYS_FAILS).id);
        return new Figures(analysed, byModel, retried, dlq, handedBackUnprocessed, dlqUnanalysed,
                store.attempts.getOrDefault(poison, 0), outcome);
    }

    /** The Terraform defaults, and the queue's visibility as the module computes it. */
    static SqsLambdaSimulation.Settings terraformSettings() {
        Path root = TerraformTree.root();
        HclSource source = HclSource.module(root);
        int timeout = number(root, "lambda_timeout_seconds");
        String visibility = HclSource.attribute(source.resource("aws_sqs_queue", "patch_failure"), "visibility_timeout_seconds");
        return new SqsLambdaSimulation.Settings(number(root, "insights_batch_size"), Duration.ofSeconds(timeout),
                Duration.ofSeconds(evaluate(visibility, source.block("locals"), root)), number(root, "insights_max_receive_count"),
                number(root, "insights_max_concurrency"));
    }

    /** Products of integers, var.x (defaults) and local.y: enough for the visibility formula, in either order. */
    private static int evaluate(String expression, String locals, Path root) {
        int product = 1;
        for (String term : expression.split("\\*")) {
            String t = term.strip();
            if (t.startsWith("var.")) {
                product *= number(root, t.substring(4));
            } else if (t.startsWith("local.")) {
                product *= evaluate(HclSource.attribute(locals, t.substring(6)), locals, root);
            } else {
                product *= Integer.parseInt(t);
            }
        }
        return product;
    }

    private static int number(Path root, String variable) {
        return ((Number) Hcl.variable(root, variable).get("default")).intValue();
    }

    private static Set<String> invoke(InsightsHandler handler, List<SqsLambdaSimulation.Message> batch, SimulatedClock clock,
                                      Instant deadline) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (SqsLambdaSimulation.Message m : batch) {
            records.addObject().put("messageId", m.id).put("eventSource", "aws:sqs").put("body", m.body)
                    .put("receiptHandle", m.id + "-" + m.receives);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, new SimulatedContext(clock, deadline));
            Set<String> failed = new HashSet<>();
            JSON.readTree(out.toByteArray()).path("batchItemFailures").forEach(f -> failed.add(f.get("itemIdentifier").asText()));
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String commandFailed(String eventId, String instanceId) {
        return """
                {"version":"0","id":"%s","detail-type":"EC2 Command Invocation Status-change Notification",
                 "source":"aws.ssm","account":"123456789012","time":"2026-11-21T02:14:02Z","region":"us-east-2",
                 "resources":["arn:aws:ec2:us-east-2:123456789012:instance/%s"],
                 "detail":{"command-id":"5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d","document-name":"dev-bedrock-rhel8-patch",
                           "instance-id":"%s","requested-date-time":"2026-11-21T02:10:00.741Z","status":"Failed"}}
                """.formatted(eventId, instanceId, instanceId);
    }

    /** A model that takes 15 s of simulated time per answer and throttles every 8th call after 20 s. */
    static final class SlowModel implements ModelClient {
        private final SimulatedClock clock;
        int calls;

        SlowModel(SimulatedClock clock) {
            this.clock = clock;
        }

        @Override
        public ModelReply invoke(ModelRequest request) {
            calls++;
            if (calls % THROTTLE_EVERY == 0) {
                clock.advance(THROTTLED_CALL);
                throw new ModelException(ModelException.Reason.THROTTLED, "ThrottlingException: Too many requests (HTTP 429)");
            }
            clock.advance(MODEL_LATENCY);
            return new ModelReply("{\"root_cause\":\"The AppStream repository metadata could not be downloaded.\","
                    + "\"severity\":\"HIGH\",\"immediate_actions\":[\"Check the mirror\"],\"dnf_commands\":[\"dnf clean metadata\"],"
                    + "\"aws_cli_commands\":[],\"preventive_measures\":[\"Keep a local mirror\"],\"escalate\":false,"
                    + "\"summary\":\"The host cannot reach its repository.\"}", "end_turn", modelId(), 900, 300,
                    MODEL_LATENCY.toMillis(), 1);
        }

        @Override
        public String modelId() {
            return "us.anthropic.claude-sonnet-4-6";
        }
    }

    /** The real directory store; counts and optionally refuses writes of each host's InsightReport. */
    static final class CountingStore implements ReportStore {
        private static final String PREFIX = "bedrock-patch-insights/dev/";
        private final ReportStore delegate;
        final Map<String, Integer> attempts = new HashMap<>();
        final Map<String, Integer> failures = new HashMap<>();

        CountingStore(ReportStore delegate) {
            this.delegate = delegate;
        }

        private void write(String key) {
            if (!key.startsWith(PREFIX) || key.startsWith(PREFIX + "_")) {
                return;
            }
            String instance = key.substring(PREFIX.length(), key.indexOf('/', PREFIX.length()));
            attempts.merge(instance, 1, Integer::sum);
            int left = failures.getOrDefault(instance, 0);
            if (left > 0) {
                failures.put(instance, left - 1);
                throw new StoreUnavailableException("cannot create s3://test/" + key + ": InternalError (HTTP 500)");
            }
        }

        Optional<String> analysisSource(String instance) {
            List<String> keys = delegate.list(PREFIX + instance + "/");
            if (keys.isEmpty()) {
                return Optional.empty();
            }
            try {
                JsonNode report = JSON.readTree(delegate.get(keys.get(0)).orElseThrow());
                return Optional.of(report.path("analysis_source").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void put(String key, byte[] body) {
            write(key);
            delegate.put(key, body);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] body) {
            write(key);
            return delegate.putIfAbsent(key, body);
        }

        @Override
        public Optional<byte[]> get(String key) {
            return delegate.get(key);
        }

        @Override
        public List<String> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }

    /** The Lambda context as the handler sees it: remaining time from the simulated clock. */
    record SimulatedContext(SimulatedClock clock, Instant deadline) implements Context {
        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        }

        @Override
        public String getAwsRequestId() {
            return "sim";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/dev-patch-insights";
        }

        @Override
        public String getLogStreamName() {
            return "sim";
        }

        @Override
        public String getFunctionName() {
            return "dev-patch-insights";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-2:123456789012:function:dev-patch-insights:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
