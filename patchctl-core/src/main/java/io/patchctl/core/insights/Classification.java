package io.patchctl.core.insights;

import java.util.Objects;

/**
 * What the evidence says went wrong.
 *
 * @param errorClass the kind of failure
 * @param errorLine  the line of dnf/rpm/SSM output that shows it, or "" when there is no such line
 */
public record Classification(ErrorClass errorClass, String errorLine) {
    public Classification {
        Objects.requireNonNull(errorClass, "errorClass");
        errorLine = errorLine == null ? "" : errorLine.strip();
    }
}
