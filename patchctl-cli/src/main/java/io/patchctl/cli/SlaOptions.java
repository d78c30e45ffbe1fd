package io.patchctl.cli;

import io.patchctl.agent.BadInputException;
import io.patchctl.core.plan.PolicyLoader;
import io.patchctl.core.sla.SlaTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code patchctl report}'s SLA options. Targets start from the defaults, then the policy file's
 * {@code sla:} key, then each {@code --sla} in order. Out of range is bad input (exit 2), like a bad policy.
 */
public final class SlaOptions {

    static final int DEFAULT_HISTORY_DAYS = 365;

    @Option(names = "--sla", paramLabel = "SEVERITY=DAYS[,…]",
            description = {"Days from advisory date to fix, per severity (repeatable, comma-separated), e.g."
                    + " --sla critical=15,important=30. Defaults: critical=15, important=30, moderate=90, low=180;"
                    + " 1..3650 days, else exit 2."})
    List<String> sla = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE",
            description = "Policy YAML whose sla: key sets the targets (--sla overrides it); a malformed file is exit 2.")
    Path policy;

    @Option(names = "--history-days", paramLabel = "DAYS", defaultValue = "" + DEFAULT_HISTORY_DAYS,
            description = "Read stored runs of the last DAYS days for the SLA clocks (1..3650; default: ${DEFAULT-VALUE});"
                    + " each host's latest run is read whatever its age.")
    int historyDays = DEFAULT_HISTORY_DAYS;

    /** @throws BadInputException (exit 2) naming the bad value */
    void validate() {
        targets();
        historyWindow();
    }

    SlaTargets targets() {
        SlaTargets targets = policy == null ? SlaTargets.defaults() : PolicyLoader.load(policy).sla();
        for (String spec : sla) {
            try {
                targets = targets.with(spec);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--sla " + spec + ": " + e.getMessage(), e);
            }
        }
        return targets;
    }

    Duration historyWindow() {
        if (historyDays <= 0 || historyDays > SlaTargets.MAX_DAYS) {
            throw new BadInputException("--history-days " + historyDays + ": expected 1.." + SlaTargets.MAX_DAYS, null);
        }
        return Duration.ofDays(historyDays);
    }
}
