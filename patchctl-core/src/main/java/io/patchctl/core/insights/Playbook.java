package io.patchctl.core.insights;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rules say about one {@link ErrorClass}: the text and commands of its analysis, before the
 * host, region and evidence are filled in by {@link RulesAnalyst}. Texts may name facts of the failure
 * as {@code {status}}, {@code {conflict_path}} or {@code {scriptlet_effect}} (see {@link #render}).
 *
 * @param rootCause          the cause, one or two sentences
 * @param citesEvidence      whether the dnf/rpm evidence block is quoted after the cause (not when SSM never reached dnf)
 * @param severity           before a critical compliance event raises it
 * @param immediateActions   what a person does now
 * @param dnfCommands        read-only or repairing dnf commands to run on the host
 * @param remoteShell        shell commands worth running on the host through {@code aws ssm send-command} (may be empty)
 * @param preventiveMeasures what keeps it from happening again
 * @param escalate           whether this class alone calls for escalation (a raised severity can also call for it)
 */
record Playbook(String rootCause, boolean citesEvidence, AnalysisSeverity severity, List<String> immediateActions,
                List<String> dnfCommands, List<String> remoteShell, List<String> preventiveMeasures, boolean escalate) {

    private static final Pattern FACT = Pattern.compile("\\{([a-z_]+)}");

    Playbook {
        Objects.requireNonNull(rootCause, "rootCause");
        Objects.requireNonNull(severity, "severity");
        immediateActions = List.copyOf(immediateActions);
        dnfCommands = List.copyOf(dnfCommands);
        remoteShell = List.copyOf(remoteShell);
        preventiveMeasures = List.copyOf(preventiveMeasures);
    }

    /** Replaces every {@code {fact}} in {@code text}; a fact the table names but nobody supplies is a bug. */
    static String render(String text, Map<String, String> facts) {
        Matcher m = FACT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = facts.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("playbook text names unknown fact {" + m.group(1) + "}: " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    static List<String> render(List<String> texts, Map<String, String> facts) {
        return texts.stream().map(t -> render(t, facts)).toList();
    }
}
