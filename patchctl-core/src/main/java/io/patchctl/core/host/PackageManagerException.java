package io.patchctl.core.host;

/** The package manager could not answer: repository unreadable, lock held, timed out, not installed. */
public class PackageManagerException extends RuntimeException {
    public PackageManagerException(String message, Throwable cause) {
        super(message, cause);
    }

    public PackageManagerException(String message) {
        super(message);
    }
}
