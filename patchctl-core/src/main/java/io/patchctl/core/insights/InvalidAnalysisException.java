package io.patchctl.core.insights;

/** A model reply that is not a valid analysis object; the message says what is wrong (for the repair prompt). */
public class InvalidAnalysisException extends RuntimeException {
    public InvalidAnalysisException(String message) {
        super(message);
    }

    public InvalidAnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
