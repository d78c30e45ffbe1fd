package io.patchctl.core.insights;

/** Port: tells people about a failure that needs them (SNS in production). */
public interface Escalator {

    /**
     * @param report    the stored report
     * @param reportKey where it is stored
     * @throws RuntimeException when the notification could not be sent
     */
    void escalate(InsightReport report, String reportKey);

    /** No escalation configured. */
    Escalator NONE = (report, key) -> { };
}
