package io.patchctl.aws.insights;

import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.InsightReport;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds the real escalator (the SNS client) on the first escalation: most failures never escalate,
 * so the Lambda's init does not load and build an SNS client it rarely uses. Safe under SnapStart:
 * nothing is built before the snapshot, and the client is then built once per execution environment.
 */
final class OnFirstEscalation implements Escalator {

    private final Supplier<? extends Escalator> factory;
    private volatile Escalator escalator;

    OnFirstEscalation(Supplier<? extends Escalator> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void escalate(InsightReport report, String reportKey) {
        Escalator e = escalator;
        if (e == null) {
            synchronized (this) {
                if (escalator == null) {
                    escalator = factory.get();
                }
                e = escalator;
            }
        }
        e.escalate(report, reportKey);
    }

    /** Whether the real escalator was built (for tests). */
    boolean built() {
        return escalator != null;
    }
}
