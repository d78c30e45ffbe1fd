package io.patchctl.core.insights;

import java.util.Objects;

/**
 * What the evidence says went wrong.
 *
 * @param errorClass    the kind of failure
 * @param errorLine     the line of dnf/rpm/SSM output that names the cause, or "" when there is no such line
 * @param evidenceBlock that line with the error block around it (dnf's header line and the indented detail
 *                      under it, bounded), or just the line; "" when there is no line
 */
public record Classification(ErrorClass errorClass, String errorLine, String evidenceBlock) {
    public Classification {
        Objects.requireNonNull(errorClass, "errorClass");
        errorLine = errorLine == null ? "" : errorLine.strip();
        evidenceBlock = evidenceBlock == null || evidenceBlock.isBlank() ? errorLine : evidenceBlock.strip();
    }

    /** A classification whose evidence is the one line. */
    public Classification(ErrorClass errorClass, String errorLine) {
        this(errorClass, errorLine, errorLine);
    }
}
