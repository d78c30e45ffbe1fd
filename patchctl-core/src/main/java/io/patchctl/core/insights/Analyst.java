package io.patchctl.core.insights;

/** Port: explains a patch failure. Implementations never throw for a bad model; they fall back. */
public interface Analyst {

    AnalysisOutcome analyze(FailureContext context);
}
