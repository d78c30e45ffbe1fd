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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormat;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatType;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * {@link ModelClient} on Amazon Bedrock: InvokeModel with the Anthropic Messages body, or Converse.
 * The SDK client is built once; every call has an attempt timeout, a call timeout capped by what is
 * left of one overall budget, and the STANDARD retry strategy of {@link AwsClientSettings}; the reason
 * of each retried attempt is returned with the reply (or the exception).
 *
 * <p>A request's JSON schema goes out as structured output (InvokeModel {@code output_config.format},
 * Converse {@code outputConfig.textFormat}); a reasoning budget as {@code thinking} (InvokeModel body,
 * Converse {@code additionalModelRequestFields}) on top of the answer's {@code max_tokens}. Only text
 * blocks become the reply's text: reasoning blocks are counted, never returned for parsing. An
 * optional guardrail is applied on both APIs.
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
    private final int reasoningBudget;
    private final String guardrailId;
    private final String guardrailVersion;
    private volatile Instant budgetStart;

    private BedrockModelClient(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.modelId = requireModelId(b.modelId);
        this.api = b.api == null ? BedrockApi.INVOKE_MODEL : b.api;
        this.budget = b.budget == null ? settings.apiCallTimeout() : b.budget;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.credentialsCheck = new CredentialsCheck(settings.credentials(), b.credentialsBound);
        this.reasoningBudget = requireReasoningBudget(b.reasoningBudget);
        requireGuardrail(b.guardrailId, b.guardrailVersion);
        this.guardrailId = b.guardrailId;
        this.guardrailVersion = b.guardrailVersion;
        this.client = b.client != null ? b.client : buildClient(settings);
        BedrockModels.retirementNote(modelId).ifPresent(n -> LOG.warn("{}", n));
    }

    /**
     * The SDK client of the settings plus the attempt log. The settings' override configuration is
     * extended, not replaced: replacing it would drop the STANDARD retry strategy for the SDK's LEGACY one.
     */
    private static BedrockRuntimeClient buildClient(AwsClientSettings settings) {
        var builder = settings.applyTo(BedrockRuntimeClient.builder(), AwsService.BEDROCK_RUNTIME);
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(new BedrockAttemptLog()).build()).build();
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
        List<String> failures = new ArrayList<>();
        AwsRequestOverrideConfiguration override = AwsRequestOverrideConfiguration.builder()
                .putExecutionAttribute(BedrockAttemptLog.FAILURES, failures)
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
            reply = withRetries(reply, BedrockAttemptLog.retried(failures, false));
            LOG.info("bedrock call done model={} api={} attempts={} latency_ms={} input_tokens={} output_tokens={}"
                            + " reasoning_blocks={} stop_reason={} retries={}", modelId, api, reply.attempts(),
                    reply.latencyMillis(), reply.inputTokens(), reply.outputTokens(), reply.reasoningBlocks(),
                    reply.stopReason(), reply.retries());
            return reply;
        } catch (SdkException e) {
            // Only a service error was recorded for the last attempt; a timeout or I/O failure never got a response.
            throw BedrockErrors.map(e, modelId, settings.region().id(), millisSince(start),
                    BedrockAttemptLog.retried(failures, e instanceof AwsServiceException));
        }
    }

    /**
     * InvokeModel's {@code body} is at most 25,000,000 bytes (botocore's bedrock-runtime 2023-09-30
     * service model, shape {@code Body}, commit 0e6e240): a larger request is refused here, before it is
     * signed and sent, as the bad request it is (the advisor falls back to the rules with this reason).
     */
    static final int MAX_INVOKE_BODY_BYTES = 25_000_000;

    static SdkBytes checkedBody(String json) {
        SdkBytes bytes = SdkBytes.fromUtf8String(json);
        if (bytes.asByteArrayUnsafe().length > MAX_INVOKE_BODY_BYTES) {
            throw new ModelException(ModelException.Reason.BAD_REQUEST, "InvokeModel body of " + bytes.asByteArrayUnsafe().length
                    + " bytes is over the API's limit of " + MAX_INVOKE_BODY_BYTES + " bytes; not sent");
        }
        return bytes;
    }

    private ModelReply invokeModel(ModelRequest request, AwsRequestOverrideConfiguration override, long start,
                                   AttemptCounter attempts) {
        InvokeModelRequest.Builder b = InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(checkedBody(anthropicBody(request, effectiveReasoningBudget(request))))
                .overrideConfiguration(override);
        if (guardrailId != null) {
            b.guardrailIdentifier(guardrailId).guardrailVersion(guardrailVersion);
        }
        InvokeModelResponse response = client.invokeModel(b.build());
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
        int reasoningBlocks = 0;
        long reasoningChars = 0;
        for (JsonNode block : body.path("content")) {
            String type = block.path("type").asText("text");
            if ("thinking".equals(type)) {
                reasoningBlocks++;
                reasoningChars += block.path("thinking").asText("").length();
            } else if ("redacted_thinking".equals(type)) {
                reasoningBlocks++;
                reasoningChars += block.path("data").asText("").length();
            } else if ("text".equals(type) && block.path("text").isTextual()) {
                text.append(block.path("text").asText());
            }
        }
        JsonNode usage = body.path("usage");
        // A guardrail that intervenes still answers 200; the body says so (AWS InvokeModel API reference:
        // "amazon-bedrock-guardrailAction": "INTERVENED | NONE"), the text is the guardrail's message.
        String stopReason = "INTERVENED".equalsIgnoreCase(body.path("amazon-bedrock-guardrailAction").asText(""))
                ? ModelReply.GUARDRAIL_INTERVENED : body.path("stop_reason").asText("");
        return new ModelReply(text.toString(), stopReason, modelId,
                usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0), latency, attempts.get(),
                reasoningBlocks, reasoningChars, List.of());
    }

    private ModelReply converse(ModelRequest request, AwsRequestOverrideConfiguration override, long start,
                                AttemptCounter attempts) {
        ConverseRequest.Builder b = ConverseRequest.builder()
                .modelId(modelId)
                .messages(Message.builder().role(ConversationRole.USER)
                        .content(ContentBlock.fromText(request.user())).build())
                .overrideConfiguration(override);
        int reasoning = effectiveReasoningBudget(request);
        if (reasoning > 0) {
            // Claude's extended thinking is a model-specific field on Converse; temperature must stay unset with it.
            b.inferenceConfig(c -> c.maxTokens(request.maxTokens() + reasoning));
            b.additionalModelRequestFields(Document.mapBuilder()
                    .putDocument("thinking", Document.mapBuilder().putString("type", "enabled")
                            .putNumber("budget_tokens", reasoning).build())
                    .build());
        } else {
            b.inferenceConfig(c -> c.maxTokens(request.maxTokens()).temperature((float) request.temperature()));
        }
        if (!request.system().isEmpty()) {
            b.system(SystemContentBlock.builder().text(request.system()).build());
        }
        if (request.schema() != null) {
            b.outputConfig(OutputConfig.builder().textFormat(OutputFormat.builder()
                    .type(OutputFormatType.JSON_SCHEMA)
                    .structure(OutputFormatStructure.fromJsonSchema(JsonSchemaDefinition.builder()
                            .name(request.schema().name())
                            .description(request.schema().description())
                            .schema(request.schema().json())
                            .build()))
                    .build()).build());
        }
        if (guardrailId != null) {
            b.guardrailConfig(GuardrailConfiguration.builder().guardrailIdentifier(guardrailId)
                    .guardrailVersion(guardrailVersion).build());
        }
        ConverseResponse response = client.converse(b.build());
        long latency = millisSince(start);
        StringBuilder text = new StringBuilder();
        int reasoningBlocks = 0;
        long reasoningChars = 0;
        if (response.output() != null && response.output().message() != null) {
            for (ContentBlock block : response.output().message().content()) {
                ReasoningContentBlock rc = block.reasoningContent();
                if (rc != null) {
                    reasoningBlocks++;
                    reasoningChars += rc.reasoningText() != null && rc.reasoningText().text() != null
                            ? rc.reasoningText().text().length()
                            : rc.redactedContent() != null ? rc.redactedContent().asByteArrayUnsafe().length : 0;
                } else if (block.text() != null) {
                    text.append(block.text());
                }
            }
        }
        long in = response.usage() == null || response.usage().inputTokens() == null ? 0 : response.usage().inputTokens();
        long out = response.usage() == null || response.usage().outputTokens() == null ? 0 : response.usage().outputTokens();
        return new ModelReply(text.toString(), response.stopReasonAsString(), modelId, in, out, latency, attempts.get(),
                reasoningBlocks, reasoningChars, List.of());
    }

    /** The Anthropic Messages body of InvokeModel. */
    static String anthropicBody(ModelRequest request) {
        return anthropicBody(request, request.reasoningBudget());
    }

    /**
     * The Anthropic Messages body; with a reasoning budget, {@code thinking} is enabled, {@code max_tokens}
     * covers reasoning plus answer, and temperature is left out (Claude rejects it while thinking).
     */
    static String anthropicBody(ModelRequest request, int reasoningBudget) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("anthropic_version", ANTHROPIC_VERSION);
        root.put("max_tokens", request.maxTokens() + reasoningBudget);
        if (reasoningBudget > 0) {
            root.putObject("thinking").put("type", "enabled").put("budget_tokens", reasoningBudget);
        } else {
            root.put("temperature", request.temperature());
        }
        if (!request.system().isEmpty()) {
            root.put("system", request.system());
        }
        if (request.schema() != null) {
            try {
                root.putObject("output_config").putObject("format").put("type", "json_schema")
                        .set("schema", MAPPER.readTree(request.schema().json()));
            } catch (IOException e) {
                throw new IllegalArgumentException("schema " + request.schema().name() + " is not valid JSON", e);
            }
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

    private int effectiveReasoningBudget(ModelRequest request) {
        return request.reasoningBudget() > 0 ? request.reasoningBudget() : reasoningBudget;
    }

    private static ModelReply withRetries(ModelReply r, List<String> retries) {
        return new ModelReply(r.text(), r.stopReason(), r.modelId(), r.inputTokens(), r.outputTokens(), r.latencyMillis(),
                r.attempts(), r.reasoningBlocks(), r.reasoningChars(), retries);
    }

    /** A guardrail is an id and a version, or nothing (blank counts as nothing). */
    public static void requireGuardrail(String id, String version) {
        boolean hasId = id != null && !id.isBlank();
        boolean hasVersion = version != null && !version.isBlank();
        if (hasId != hasVersion) {
            throw new IllegalArgumentException("a guardrail needs both an id and a version (e.g. --guardrail-id gr-abc123"
                    + " --guardrail-version 1), got id=" + id + " version=" + version);
        }
    }

    /** Claude's extended thinking needs at least 1024 tokens; 0 turns it off. */
    public static int requireReasoningBudget(int tokens) {
        if (tokens != 0 && (tokens < 1024 || tokens > 64_000)) {
            throw new IllegalArgumentException("reasoning budget must be 0 (off) or 1024..64000 tokens, was " + tokens);
        }
        return tokens;
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
        private int reasoningBudget;
        private String guardrailId;
        private String guardrailVersion;

        private Builder() {
        }

        /** Tokens the model may spend reasoning before it answers, on top of the answer's max_tokens (0 = off). */
        public Builder reasoningBudget(int tokens) {
            this.reasoningBudget = tokens;
            return this;
        }

        /** A Bedrock guardrail applied to every call (both id and version, or neither; blank = none). */
        public Builder guardrail(String id, String version) {
            this.guardrailId = id == null || id.isBlank() ? null : id.strip();
            this.guardrailVersion = version == null || version.isBlank() ? null : version.strip();
            return this;
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

        /** Hands in a prebuilt SDK client (tests); settings still decide per-call timeouts; retry reasons are not logged. */
        public Builder client(BedrockRuntimeClient client) {
            this.client = client;
            return this;
        }

        public BedrockModelClient build() {
            return new BedrockModelClient(this);
        }
    }
}
