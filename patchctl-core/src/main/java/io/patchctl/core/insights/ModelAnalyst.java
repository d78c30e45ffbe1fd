package io.patchctl.core.insights;

import io.patchctl.core.model.ModelClient;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a language model (Bedrock in production) for the analysis; one repair attempt when the
 * reply is not a valid analysis, then the rules. Never throws for a bad or absent model.
 */
public final class ModelAnalyst implements Analyst {

    private static final Logger LOG = LoggerFactory.getLogger(ModelAnalyst.class);

    private final ModelClient client;
    private final RulesAnalyst rules;

    public ModelAnalyst(ModelClient client, RulesAnalyst rules) {
        this.client = Objects.requireNonNull(client, "client");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    @Override
    public AnalysisOutcome analyze(FailureContext context) {
        Usage usage = new Usage();
        ModelReply first;
        boolean schema = true;
        try {
            first = usage.call(AnalysisPrompt.request(context));
        } catch (ModelException e) {
            if (e.reason() != ModelException.Reason.SCHEMA_REJECTED) {
                return fallback(context, usage, "model " + e.reason() + ": " + e.getMessage());
            }
            // A model without structured output: the same prompt, prompt-only; parser and checks as before.
            LOG.info("model rejected the analysis schema, asking prompt-only: subject={} detail={}",
                    context.event().subjectId(), e.getMessage());
            schema = false;
            try {
                first = usage.call(AnalysisPrompt.request(context).withoutSchema());
            } catch (ModelException again) {
                return fallback(context, usage, "model " + again.reason() + " (prompt-only after the schema was rejected): "
                        + again.getMessage());
            }
        }
        if (first.guardrailIntervened()) {
            return fallback(context, usage, "a Bedrock guardrail replaced the model's answer");
        }
        try {
            return usage.outcome(AnalysisReplyParser.parse(first.text()));
        } catch (InvalidAnalysisException invalid) {
            String problem = (first.truncated() ? "the reply was cut off at max_tokens; " : "") + invalid.getMessage();
            LOG.info("model reply invalid, asking once more: subject={} problem={}", context.event().subjectId(), problem);
            try {
                ModelRequest repair = AnalysisPrompt.repair(context, first.text(), problem);
                ModelReply second = usage.call(schema ? repair : repair.withoutSchema());
                if (second.guardrailIntervened()) {
                    return fallback(context, usage, "a Bedrock guardrail replaced the model's answer on repair");
                }
                return usage.outcome(AnalysisReplyParser.parse(second.text()));
            } catch (InvalidAnalysisException again) {
                return fallback(context, usage, "invalid model reply twice: " + again.getMessage());
            } catch (ModelException e) {
                return fallback(context, usage, "model " + e.reason() + " on repair: " + e.getMessage());
            }
        }
    }

    @Override
    public boolean usesModel() {
        return true;
    }

    private AnalysisOutcome fallback(FailureContext context, Usage usage, String reason) {
        LOG.warn("model analysis unavailable, using rules: subject={} model={} reason={}",
                context.event().subjectId(), client.modelId(), reason);
        return new AnalysisOutcome(rules.analysis(context), AnalysisOutcome.RULES, client.modelId(), reason,
                usage.input, usage.output, usage.calls);
    }

    /** Token and call counts across the first call and the repair. */
    private final class Usage {
        long input;
        long output;
        int calls;

        ModelReply call(ModelRequest request) {
            calls++;
            ModelReply reply = client.invoke(request);
            input += reply.inputTokens();
            output += reply.outputTokens();
            return reply;
        }

        AnalysisOutcome outcome(FailureAnalysis analysis) {
            return new AnalysisOutcome(analysis, AnalysisOutcome.BEDROCK, client.modelId(), null, input, output, calls);
        }
    }
}
