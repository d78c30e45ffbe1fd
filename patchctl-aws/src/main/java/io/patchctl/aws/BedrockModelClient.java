package io.patchctl.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.model.ModelClient;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * {@link ModelClient} on Amazon Bedrock: InvokeModel with the Anthropic Messages body, or Converse.
 * The SDK client is built once; every call has an attempt timeout, a call timeout capped by what is
 * left of one overall budget, and the STANDARD retry strategy of {@link AwsClientSettings}.
 */
public final class BedrockModelClient implements ModelClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BedrockModelClient.class);
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    // Plain mapper: the Anthropic body is snake_case by its own definition, built field by field.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BedrockRuntimeClient client;
    private final String modelId;
    private final BedrockApi api;
    private final AwsClientSettings settings;
    private final CredentialsCheck credentialsCheck;
    private final Duration budget;
    private final Clock clock;
    private volatile Instant budgetStart;

    private BedrockModelClient(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.modelId = requireModelId(b.modelId);
        this.api = b.api == null ? BedrockApi.INVOKE_MODEL : b.api;
        this.budget = b.budget == null ? settings.apiCallTimeout() : b.budget;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.credentialsCheck = new CredentialsCheck(settings.credentials(), b.credentialsBound);
        this.client = b.client != null ? b.client : settings.applyTo(BedrockRuntimeClient.builder()).build();
        BedrockModels.retirementNote(modelId).ifPresent(n -> LOG.warn("{}", n));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public BedrockApi api() {
        return api;
    }

    @Override
    public ModelReply invoke(ModelRequest request) {
        Objects.requireNonNull(request, "request");
        if (budgetStart == null) {
            budgetStart = clock.instant();
        }
        Duration remaining = budget.minus(Duration.between(budgetStart, clock.instant()));
        if (remaining.toMillis() < 100) {
            throw new ModelException(ModelException.Reason.TIMEOUT,
                    "overall Bedrock time budget of " + budget.toMillis() + " ms is spent; not calling " + modelId);
        }
        credentialsCheck.require();
        Duration callTimeout = remaining.compareTo(settings.apiCallTimeout()) < 0 ? remaining : settings.apiCallTimeout();
        AttemptCounter attempts = new AttemptCounter();
        AwsRequestOverrideConfiguration override = AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(callTimeout)
                .apiCallAttemptTimeout(settings.apiCallAttemptTimeout().compareTo(callTimeout) > 0
                        ? callTimeout : settings.apiCallAttemptTimeout())
                .addMetricPublisher(attempts)
                .build();
        long start = System.nanoTime();
        try {
            ModelReply reply = api == BedrockApi.CONVERSE
                    ? converse(request, override, start, attempts)
                    : invokeModel(request, override, start, attempts);
            LOG.info("bedrock call done model={} api={} attempts={} latency_ms={} input_tokens={} output_tokens={} stop_reason={}",
                    modelId, api, reply.attempts(), reply.latencyMillis(), reply.inputTokens(), reply.outputTokens(),
                    reply.stopReason());
            return reply;
        } catch (SdkException e) {
            throw BedrockErrors.map(e, modelId, millisSince(start));
        }
    }

    private ModelReply invokeModel(ModelRequest request, AwsRequestOverrideConfiguration override, long start,
                                   AttemptCounter attempts) {
        InvokeModelResponse response = client.invokeModel(InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromUtf8String(anthropicBody(request)))
                .overrideConfiguration(override)
                .build());
        long latency = millisSince(start);
        JsonNode body;
        try {
            body = MAPPER.readTree(response.body().asByteArray());
        } catch (IOException e) {
            throw new ModelException(ModelException.Reason.OTHER,
                    "Bedrock returned a body that is not JSON for " + modelId + ": " + BedrockErrors.oneLine(e.getMessage()), e);
        }
        if (body == null || !body.isObject() || !body.path("content").isArray()) {
            throw new ModelException(ModelException.Reason.OTHER,
                    "Bedrock reply for " + modelId + " is not an Anthropic Messages body (no content[] array)");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : body.path("content")) {
            if ("text".equals(block.path("type").asText("text")) && block.path("text").isTextual()) {
                text.append(block.path("text").asText());
            }
        }
        JsonNode usage = body.path("usage");
        return new ModelReply(text.toString(), body.path("stop_reason").asText(""), modelId,
                usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0), latency, attempts.get());
    }

    private ModelReply converse(ModelRequest request, AwsRequestOverrideConfiguration override, long start,
                                AttemptCounter attempts) {
        ConverseRequest.Builder b = ConverseRequest.builder()
                .modelId(modelId)
                .messages(Message.builder().role(ConversationRole.USER)
                        .content(ContentBlock.fromText(request.user())).build())
                .inferenceConfig(c -> c.maxTokens(request.maxTokens()).temperature((float) request.temperature()))
                .overrideConfiguration(override);
        if (!request.system().isEmpty()) {
            b.system(SystemContentBlock.builder().text(request.system()).build());
        }
        ConverseResponse response = client.converse(b.build());
        long latency = millisSince(start);
        StringBuilder text = new StringBuilder();
        if (response.output() != null && response.output().message() != null) {
            for (ContentBlock block : response.output().message().content()) {
                if (block.text() != null) {
                    text.append(block.text());
                }
            }
        }
        long in = response.usage() == null || response.usage().inputTokens() == null ? 0 : response.usage().inputTokens();
        long out = response.usage() == null || response.usage().outputTokens() == null ? 0 : response.usage().outputTokens();
        return new ModelReply(text.toString(), response.stopReasonAsString(), modelId, in, out, latency, attempts.get());
    }

    /** The Anthropic Messages body of InvokeModel. */
    static String anthropicBody(ModelRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("anthropic_version", ANTHROPIC_VERSION);
        root.put("max_tokens", request.maxTokens());
        root.put("temperature", request.temperature());
        if (!request.system().isEmpty()) {
            root.put("system", request.system());
        }
        ArrayNode messages = root.putArray("messages");
        ObjectNode user = messages.addObject();
        user.put("role", "user");
        ArrayNode content = user.putArray("content");
        content.addObject().put("type", "text").put("text", request.user());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the Anthropic request body", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String requireModelId(String modelId) {
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("model id must not be empty (e.g. " + BedrockModels.DEFAULT_MODEL_ID + ")");
        }
        if (!modelId.matches("[A-Za-z0-9._:/+-]{1,2048}")) {
            throw new IllegalArgumentException("model id '" + modelId
                    + "' has characters Bedrock does not accept (expected an id, inference profile id or ARN)");
        }
        return modelId;
    }

    /** Counts HTTP attempts of one call from the SDK's own RETRY_COUNT metric. */
    private static final class AttemptCounter implements MetricPublisher {
        private final AtomicInteger attempts = new AtomicInteger(1);

        @Override
        public void publish(MetricCollection metrics) {
            metrics.metricValues(CoreMetric.RETRY_COUNT).stream().findFirst()
                    .ifPresent(retries -> attempts.set(retries + 1));
        }

        int get() {
            return attempts.get();
        }

        @Override
        public void close() {
        }
    }

    public static final class Builder {
        private AwsClientSettings settings;
        private String modelId = BedrockModels.DEFAULT_MODEL_ID;
        private BedrockApi api = BedrockApi.INVOKE_MODEL;
        private Duration budget;
        private Duration credentialsBound = Duration.ofMillis(1500);
        private Clock clock;
        private BedrockRuntimeClient client;

        private Builder() {
        }

        public Builder settings(AwsClientSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder modelId(String modelId) {
            this.modelId = modelId;
            return this;
        }

        public Builder api(BedrockApi api) {
            this.api = api;
            return this;
        }

        /** Overall time for all calls of this client (one agent run), counted from the first call. */
        public Builder budget(Duration budget) {
            this.budget = budget;
            return this;
        }

        /** How long credential resolution may take before the client gives up (default 1.5 s). */
        public Builder credentialsBound(Duration credentialsBound) {
            this.credentialsBound = credentialsBound;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Hands in a prebuilt SDK client (tests); settings still decide per-call timeouts. */
        public Builder client(BedrockRuntimeClient client) {
            this.client = client;
            return this;
        }

        public BedrockModelClient build() {
            return new BedrockModelClient(this);
        }
    }
}
