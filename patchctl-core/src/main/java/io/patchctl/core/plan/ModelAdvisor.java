package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.Distro;
import io.patchctl.core.model.ModelClient;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans with a language model, through the plan cache, and falls back to the rules advisor on any
 * failure (no credentials, access denied, retired model, throttling, timeout, unusable reply). The
 * outcome records kind, model, fallback reason, tokens, latency and cache status. The plan it
 * returns is advice: PolicyGuard checks it like any other.
 *
 * <p>The request carries the plan's JSON schema (structured output). A model that refuses the schema
 * ({@link ModelException.Reason#SCHEMA_REJECTED}) is asked once more on the prompt-only path, and the
 * report says so; the reply parser and PolicyGuard check both kinds of answer the same way.
 */
public final class ModelAdvisor implements Advisor {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAdvisor.class);
    public static final String KIND = "bedrock";

    private final ModelClient client;
    private final PlanCache cache;
    private final boolean caching;
    private final RulesAdvisor fallback;
    private final PlanPromptBuilder prompts = new PlanPromptBuilder();
    private final PlanReplyParser parser = new PlanReplyParser();
    private final boolean structuredOutput;

    public ModelAdvisor(ModelClient client, PlanCache cache, RulesAdvisor fallback) {
        this(client, cache, fallback, true);
    }

    /** @param structuredOutput false: never send the schema (a model known to lack structured output) */
    public ModelAdvisor(ModelClient client, PlanCache cache, RulesAdvisor fallback, boolean structuredOutput) {
        this.structuredOutput = structuredOutput;
        this.client = Objects.requireNonNull(client, "client");
        this.caching = cache != null;
        this.cache = cache == null ? PlanCache.off() : cache;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public AdvisorOutcome advise(List<SecurityUpdate> updates, PatchPolicy policy) {
        return advise(updates, policy, Distro.UNKNOWN);
    }

    @Override
    public AdvisorOutcome advise(List<SecurityUpdate> updates, PatchPolicy policy, Distro distro) {
        long start = System.nanoTime();
        if (updates.isEmpty()) {
            return new AdvisorOutcome(PatchPlan.empty("no pending security updates; the model was not asked"),
                    new AdvisorInfo(KIND, client.modelId(), null, 0, 0, millisSince(start), PlanCacheResult.OFF));
        }
        // the prompt names the distribution and major version: hosts share a plan only within one
        String fingerprint = PlanFingerprint.of(updates, policy, client.modelId(),
                PlanPromptBuilder.PROMPT_VERSION + " " + distro.id() + " " + distro.majorVersion());
        try {
            PlanCacheResult result = cache.getOrCompute(fingerprint, () -> ask(updates, policy, distro),
                    plan -> !allowedNotPlanned(plan, updates, policy).isEmpty());
            boolean hit = result.status() == PlanCacheStatus.HIT;
            CachedPlan p = result.plan();
            // A hit cost this host no tokens: the report says what this run spent.
            return new AdvisorOutcome(p.plan(), new AdvisorInfo(KIND, client.modelId(), null,
                    hit ? 0 : p.inputTokens(), hit ? 0 : p.outputTokens(), millisSince(start), result.status(),
                    hit ? ModelCallDetails.none() : p.call()), p.replyRejections());
        } catch (PlanComputeException e) {
            LOG.warn("model advisor falling back to rules model={} reason={}", client.modelId(), e.getMessage());
            PatchPlan plan = fallback.plan(updates, policy);
            return new AdvisorOutcome(plan, new AdvisorInfo("rules", client.modelId(), e.getMessage(),
                    e.inputTokens(), e.outputTokens(), millisSince(start), caching ? PlanCacheResult.MISS : PlanCacheResult.OFF,
                    e.call()), e.replyRejections());
        }
    }

    /** One model call (two when the schema is refused) and the parse of its reply; every failure becomes a PlanComputeException. */
    private CachedPlan ask(List<SecurityUpdate> updates, PatchPolicy policy, Distro distro) {
        ModelRequest request = prompts.build(updates, policy, distro);
        if (!structuredOutput) {
            request = request.withoutSchema();
        }
        String format = request.schema() == null ? ModelCallDetails.PROMPT_ONLY : ModelCallDetails.JSON_SCHEMA;
        List<String> retries = new ArrayList<>();
        ModelReply reply;
        try {
            reply = invoke(request, format, retries);
        } catch (ModelException e) {
            if (e.reason() != ModelException.Reason.SCHEMA_REJECTED || request.schema() == null) {
                throw failed(e, format, retries);
            }
            LOG.info("model rejected the plan schema, asking on the prompt-only path model={} detail={}",
                    client.modelId(), e.getMessage());
            format = ModelCallDetails.PROMPT_ONLY + " (schema rejected: " + cap(e.getMessage(), 300) + ")";
            try {
                reply = invoke(request.withoutSchema(), format, retries);
            } catch (ModelException again) {
                throw failed(again, format, retries);
            }
        }
        ModelCallDetails call = new ModelCallDetails(reply.reasoningTokensEstimate(), reply.reasoningBlocks(), format, retries);
        if (reply.guardrailIntervened()) {
            throw new PlanComputeException("GUARDRAIL_INTERVENED: a Bedrock guardrail replaced the model's answer ("
                    + cap(reply.text(), 200) + ")", List.of(), reply.inputTokens(), reply.outputTokens(), null, call);
        }
        ParsedReply parsed = parser.parse(reply, updates);
        if (parsed.plan().isEmpty()) {
            throw new PlanComputeException("BAD_REPLY: " + parsed.failure(), parsed.rejections(),
                    reply.inputTokens(), reply.outputTokens(), null, call);
        }
        return new CachedPlan(parsed.plan().get(), parsed.rejections(), reply.modelId(), reply.inputTokens(),
                reply.outputTokens(), reply.latencyMillis(), call);
    }

    private ModelReply invoke(ModelRequest request, String format, List<String> retries) {
        try {
            ModelReply reply = client.invoke(request);
            retries.addAll(reply.retries());
            return reply;
        } catch (ModelException e) {
            retries.addAll(e.retries());
            throw e;
        } catch (RuntimeException e) {
            throw new PlanComputeException("OTHER: model call failed: " + e, List.of(), 0, 0, e,
                    new ModelCallDetails(0, 0, format, retries));
        }
    }

    private static PlanComputeException failed(ModelException e, String format, List<String> retries) {
        return new PlanComputeException(e.reason().name() + ": " + e.getMessage(), List.of(), 0, 0, e,
                new ModelCallDetails(0, 0, format, retries));
    }

    private static String cap(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() > max ? v.substring(0, max) + "…" : v;
    }

    /** Discovered packages the policy would let through that the plan does not install. */
    public static List<String> allowedNotPlanned(PatchPlan plan, List<SecurityUpdate> updates, PatchPolicy policy) {
        io.patchctl.core.plan.PolicyRules rules = new io.patchctl.core.plan.PolicyRules(policy);
        java.util.Set<String> planned = new java.util.HashSet<>();
        plan.install().forEach(n -> planned.add(n == null ? "" : n.strip()));
        return io.patchctl.core.plan.PolicyGuard.byName(updates).entrySet().stream()
                .filter(e -> !planned.contains(e.getKey()) && rules.holdReason(e.getKey(), e.getValue()).isEmpty())
                .map(java.util.Map.Entry::getKey).toList();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
