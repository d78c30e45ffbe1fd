package io.patchctl.lambda;

import io.patchctl.aws.BedrockModels;
import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.core.insights.InsightResult;
import io.patchctl.core.insights.InsightService;
import io.patchctl.core.insights.Escalator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.insights.ModelAnalyst;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.model.ModelClient;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.BedrockModelClient;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.MemoryReportStore;
import io.patchctl.core.store.ReportStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * SnapStart priming: before the snapshot is taken, one sample failure runs through the whole
 * pipeline (normalise, context, prompt, reply parsing, rules, screening, report JSON) and through the
 * real SDK client stack (S3 and Bedrock clients: signing, marshalling, url-connection HTTP, XML/JSON
 * parsing) against a loopback stand-in ({@link PrimingStub}), so a restored Lambda does not pay for
 * loading and initialising those classes on its first event. Nothing leaves the process: fake
 * credentials (the real ones are never resolved), no connection kept (the stand-in closes every
 * one, and its clients are closed), no random seed.
 */
final class Primer {

    private static final String CMD = "00000000-0000-4000-8000-000000000000";
    private static final String INSTANCE = "i-00000000000000000";
    private static final String BUCKET = "prime";
    private static final String ANSWER = "```json\n{\"root_cause\":\"prime\",\"severity\":\"LOW\",\"immediate_actions\":[\"none\"],"
            + "\"dnf_commands\":[\"dnf makecache\",\"dnf clean all && reboot\"],\"aws_cli_commands\":[],"
            + "\"preventive_measures\":[],\"escalate\":false,\"summary\":\"prime\"}\n```";

    private Primer() {
    }

    /** Only where init is not on an event's critical path: SnapStart snapshots and provisioned concurrency. */
    static boolean wanted(Map<String, String> env) {
        String type = env.get("AWS_LAMBDA_INITIALIZATION_TYPE");
        return "snap-start".equals(type) || "provisioned-concurrency".equals(type);
    }

    /**
     * The sample event through real S3 and Bedrock clients against the loopback stand-in.
     *
     * @return the service's answer to the sample event (for tests)
     */
    static InsightResult prime() {
        try (PrimingStub stub = PrimingStub.start(anthropicBody())) {
            StaticCredentialsProvider fake = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPRIMING", "priming"));
            AwsClientSettings storage = AwsClientSettings.builder(AwsClientSettings.Profile.STORAGE)
                    .endpointOverride(stub.endpoint()).credentials(fake).build();
            AwsClientSettings bedrock = AwsClientSettings.builder(AwsClientSettings.Profile.BEDROCK_LAMBDA)
                    .endpointOverride(stub.endpoint()).credentials(fake).build();
            try (S3ReportStore store = S3ReportStore.create(storage, BUCKET);
                 BedrockModelClient model = BedrockModelClient.builder().settings(bedrock).modelId(BedrockModels.DEFAULT_MODEL_ID)
                         .build()) {
                return run(store, model);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the priming stand-in on 127.0.0.1", e);
        }
    }

    /** The sample event with an in-memory store and a canned model (no HTTP at all). */
    static InsightResult primeInMemory() {
        return run(new MemoryReportStore("memory (priming)"), new CannedModel());
    }

    private static InsightResult run(ReportStore store, ModelClient model) {
        store.put("bedrock-patch/prime/" + CMD + "/" + INSTANCE + "/awsrunShellScript/0.awsrunShellScript/stderr",
                "Error: Failed to download metadata for repo 'prime': Cannot download repomd.xml\n".getBytes(StandardCharsets.UTF_8));
        InsightsConfig config = new InsightsConfig("prime", BedrockModels.DEFAULT_REGION, BUCKET, null, null, "rules", null,
                Duration.ofHours(1), 8192);
        InsightService service = new InsightService(config.settings(), store, new ModelAnalyst(model, new RulesAnalyst()),
                WindowTargetResolver.NONE, Escalator.NONE, Clock.systemUTC());
        return service.process("{\"version\":\"0\",\"id\":\"prime\",\"detail-type\":\"EC2 Command Invocation Status-change "
                + "Notification\",\"source\":\"aws.ssm\",\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-2\",\"detail\":"
                + "{\"command-id\":\"" + CMD + "\",\"instance-id\":\"" + INSTANCE + "\",\"status\":\"Failed\"}}");
    }

    /** The canned answer as Bedrock's InvokeModel body (Anthropic Messages). */
    private static String anthropicBody() {
        ObjectNode reply = Json.mapper().createObjectNode();
        reply.putArray("content").addObject().put("type", "text").put("text", ANSWER);
        reply.put("stop_reason", "end_turn");
        reply.putObject("usage").put("input_tokens", 1).put("output_tokens", 1);
        return reply.toString();
    }

    /** Answers like Bedrock would, with one rejected command so the screening path runs too. */
    private static final class CannedModel implements ModelClient {
        @Override
        public ModelReply invoke(ModelRequest request) {
            return new ModelReply(ANSWER, "end_turn", modelId(), 0, 0, 0, 1);
        }

        @Override
        public String modelId() {
            return "prime";
        }
    }
}
