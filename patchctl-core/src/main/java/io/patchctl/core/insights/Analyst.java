package io.patchctl.core.insights;

/** Port: explains a patch failure. Implementations never throw for a bad model; they fall back. */
public interface Analyst {

    AnalysisOutcome analyze(FailureContext context);

    /** True when an analysis costs a model call, so sharing it between hosts with the same failure pays. */
    default boolean usesModel() {
        return false;
    }
}
