package io.patchctl.core.model;

import java.util.List;

/** A model call that produced no usable reply. Callers fall back; the reason goes into the report. */
public class ModelException extends RuntimeException {

    /** Why the call failed, coarse enough for reports and metrics. */
    public enum Reason {
        NO_CREDENTIALS, ACCESS_DENIED, MODEL_UNAVAILABLE, THROTTLED, TIMEOUT, SERVICE_ERROR, CONNECTION, BAD_REQUEST,
        /** The model does not accept the JSON schema (structured output): ask again on the prompt-only path. */
        SCHEMA_REJECTED,
        /** The model is being loaded (ModelNotReadyException): retryable, but the run's budget ran out. */
        MODEL_NOT_READY,
        OTHER
    }

    private final Reason reason;
    private final List<String> retries;

    public ModelException(Reason reason, String message, Throwable cause) {
        this(reason, message, cause, List.of());
    }

    /** @param retries why each failed attempt before this one was retried (recorded in the report) */
    public ModelException(Reason reason, String message, Throwable cause, List<String> retries) {
        super(message, cause);
        this.reason = reason;
        this.retries = retries == null ? List.of() : List.copyOf(retries);
    }

    public List<String> retries() {
        return retries;
    }

    public ModelException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
