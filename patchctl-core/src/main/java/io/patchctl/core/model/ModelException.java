package io.patchctl.core.model;

/** A model call that produced no usable reply. Callers fall back; the reason goes into the report. */
public class ModelException extends RuntimeException {

    /** Why the call failed, coarse enough for reports and metrics. */
    public enum Reason {
        NO_CREDENTIALS, ACCESS_DENIED, MODEL_UNAVAILABLE, THROTTLED, TIMEOUT, SERVICE_ERROR, CONNECTION, BAD_REQUEST, OTHER
    }

    private final Reason reason;

    public ModelException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ModelException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
