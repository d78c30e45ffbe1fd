package io.patchctl.lab;

/** The lab could not be built: a tool is missing or failed. The message names the tool and its error. */
public class LabException extends RuntimeException {
    public LabException(String message, Throwable cause) {
        super(message, cause);
    }

    public LabException(String message) {
        super(message);
    }
}
