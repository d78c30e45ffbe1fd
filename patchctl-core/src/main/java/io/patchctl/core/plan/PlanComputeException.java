package io.patchctl.core.plan;

import java.util.List;

/**
 * No plan could be obtained from the model (call failed, reply unusable), here or on the host that
 * was computing the same plan. The advisor falls back to rules and reports {@link #getMessage()}.
 */
public class PlanComputeException extends RuntimeException {

    private final List<String> replyRejections;
    private final long inputTokens;
    private final long outputTokens;
    private final ModelCallDetails call;

    public PlanComputeException(String message, List<String> replyRejections, long inputTokens, long outputTokens,
                                Throwable cause) {
        this(message, replyRejections, inputTokens, outputTokens, cause, ModelCallDetails.none());
    }

    public PlanComputeException(String message, List<String> replyRejections, long inputTokens, long outputTokens,
                                Throwable cause, ModelCallDetails call) {
        super(message, cause);
        this.call = call == null ? ModelCallDetails.none() : call;
        this.replyRejections = replyRejections == null ? List.of() : List.copyOf(replyRejections);
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
    }

    public PlanComputeException(String message) {
        this(message, List.of(), 0, 0, null);
    }

    public List<String> replyRejections() {
        return replyRejections;
    }

    public long inputTokens() {
        return inputTokens;
    }

    public long outputTokens() {
        return outputTokens;
    }

    /** Reasoning, output format and retries of the failed call (what it cost and why it was retried). */
    public ModelCallDetails call() {
        return call;
    }
}
