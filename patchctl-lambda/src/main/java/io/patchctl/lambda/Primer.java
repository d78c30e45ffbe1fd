package io.patchctl.lambda;

import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.core.insights.InsightResult;
import io.patchctl.core.insights.InsightService;
import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.ModelAnalyst;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.model.ModelClient;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import io.patchctl.core.store.ReportStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * SnapStart priming: before the snapshot is taken, one sample failure runs through the whole
 * pipeline (normalise, context, prompt, reply parsing, rules, screening, report JSON) against an
 * in-memory store and a canned model answer, so a restored Lambda does not pay for loading and
 * initialising those classes on its first event. Nothing leaves the process: no connection, no
 * credentials, no random seed.
 */
final class Primer {

    private static final String CMD = "00000000-0000-4000-8000-000000000000";
    private static final String INSTANCE = "i-00000000000000000";

    private Primer() {
    }

    /** Only where init is not on an event's critical path: SnapStart snapshots and provisioned concurrency. */
    static boolean wanted(Map<String, String> env) {
        String type = env.get("AWS_LAMBDA_INITIALIZATION_TYPE");
        return "snap-start".equals(type) || "provisioned-concurrency".equals(type);
    }

    /** @return the handler's answer to the sample event (for tests) */
    static InsightResult prime() {
        MemoryStore store = new MemoryStore();
        store.put("bedrock-patch/prime/" + CMD + "/" + INSTANCE + "/awsrunShellScript/0.awsrunShellScript/stderr",
                "Error: Failed to download metadata for repo 'prime': Cannot download repomd.xml\n".getBytes(StandardCharsets.UTF_8));
        InsightsConfig config = new InsightsConfig("prime", "us-east-2", "prime", null, null, "rules", null, Duration.ofHours(1),
                8192);
        InsightService service = new InsightService(config.settings(), store, new ModelAnalyst(new CannedModel(), new RulesAnalyst()),
                WindowTargetResolver.NONE, Escalator.NONE, Clock.systemUTC());
        return service.process("{\"version\":\"0\",\"id\":\"prime\",\"detail-type\":\"EC2 Command Invocation Status-change "
                + "Notification\",\"source\":\"aws.ssm\",\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-2\",\"detail\":"
                + "{\"command-id\":\"" + CMD + "\",\"instance-id\":\"" + INSTANCE + "\",\"status\":\"Failed\"}}");
    }

    /** Answers like Bedrock would, with one rejected command so the screening path runs too. */
    private static final class CannedModel implements ModelClient {
        @Override
        public ModelReply invoke(ModelRequest request) {
            return new ModelReply("```json\n{\"root_cause\":\"prime\",\"severity\":\"LOW\",\"immediate_actions\":[\"none\"],"
                    + "\"dnf_commands\":[\"dnf makecache\",\"dnf clean all && reboot\"],\"aws_cli_commands\":[],"
                    + "\"preventive_measures\":[],\"escalate\":false,\"summary\":\"prime\"}\n```", "end_turn", modelId(), 0, 0, 0, 1);
        }

        @Override
        public String modelId() {
            return "prime";
        }
    }

    private static final class MemoryStore implements ReportStore {
        private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

        @Override
        public void put(String key, byte[] body) {
            objects.put(key, body);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] body) {
            return objects.putIfAbsent(key, body) == null;
        }

        @Override
        public Optional<byte[]> get(String key) {
            return Optional.ofNullable(objects.get(key));
        }

        @Override
        public List<String> list(String prefix) {
            return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        }

        @Override
        public void delete(String key) {
            objects.remove(key);
        }

        @Override
        public String describe() {
            return "memory (priming)";
        }
    }
}
