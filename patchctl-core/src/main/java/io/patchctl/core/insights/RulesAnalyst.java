package io.patchctl.core.insights;

import io.patchctl.core.insights.event.FailureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The offline analyst and the model's fallback: turns the classified dnf/rpm error into the same
 * eight-field analysis, from its class's {@link Playbook} (the table is {@link Playbooks}) with the
 * evidence, the host and the region filled in.
 */
public final class RulesAnalyst implements Analyst {

    @Override
    public AnalysisOutcome analyze(FailureContext context) {
        return new AnalysisOutcome(analysis(context), AnalysisOutcome.RULES, null, null, 0, 0, 0);
    }

    /** The rules' analysis alone (the model analyst uses it as fallback): the class's playbook, filled in for this host. */
    public FailureAnalysis analysis(FailureContext context) {
        ErrorClass errorClass = context.classification().errorClass();
        Playbook playbook = Playbooks.of(errorClass);
        String block = context.classification().evidenceBlock();
        Map<String, String> facts = facts(context);
        // the whole block: the header alone ("Error: Transaction test error:") does not name the cause
        String evidence = block.isEmpty() || !playbook.citesEvidence() ? "" : " Evidence: \"" + abbreviate(block) + "\".";
        String cause = Playbook.render(playbook.rootCause(), facts) + evidence;
        FailureEvent event = context.event();
        AnalysisSeverity severity = isCritical(event) ? playbook.severity().atLeast(AnalysisSeverity.HIGH) : playbook.severity();
        boolean escalate = playbook.escalate() || severity.compareTo(AnalysisSeverity.HIGH) >= 0;
        return new FailureAnalysis(cause, severity, Playbook.render(playbook.immediateActions(), facts),
                Playbook.render(playbook.dnfCommands(), facts), awsCommands(context, playbook.remoteShell()),
                Playbook.render(playbook.preventiveMeasures(), facts), escalate, summary(event, errorClass, severity));
    }

    /** The values playbook texts may name. */
    private static Map<String, String> facts(FailureContext context) {
        String block = context.classification().evidenceBlock();
        return Map.of(
                "status", String.valueOf(context.event().status()),
                "conflict_path", conflictPath(context.classification().errorLine()),
                "scriptlet_effect", nonFatalScriptlet(block)
                        ? "A package's post-install scriptlet failed (rpm treats this as non-fatal): the package is installed but its set-up step did not finish."
                        : "An RPM scriptlet failed during the transaction; the transaction may be partly applied.");
    }

    private static boolean isCritical(FailureEvent event) {
        return event.severity() != null && event.severity().toLowerCase(Locale.ROOT).equals("critical");
    }

    private static String summary(FailureEvent event, ErrorClass errorClass, AnalysisSeverity severity) {
        return "Patching failed on " + event.subjectId() + " (" + event.status() + "): "
                + errorClass.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", severity " + severity + ".";
    }

    private static String conflictPath(String line) {
        var m = java.util.regex.Pattern.compile("file (/\\S+)").matcher(line);
        return m.find() ? m.group(1) : "<path>";
    }

    private static boolean nonFatalScriptlet(String block) {
        return java.util.regex.Pattern.compile("Non-fatal|%post|%posttrans|POSTIN|POSTUN|POSTTRANS").matcher(block).find()
                && !java.util.regex.Pattern.compile("%pre|PREIN|PREUN|PRETRANS").matcher(block).find();
    }

    private static String abbreviate(String text) {
        return text.length() <= 1500 ? text : text.substring(0, 1497) + "...";
    }

    /**
     * The AWS CLI commands for this host and region (single commands, no shell): the command's output
     * first, then the playbook's shell commands through send-command, then the host's SSM and patch state.
     */
    private static List<String> awsCommands(FailureContext context, List<String> remoteShell) {
        FailureEvent event = context.event();
        String region = " --region " + context.region();
        List<String> list = new ArrayList<>();
        if (event.commandId() != null && event.instanceId() != null) {
            list.add("aws ssm get-command-invocation --command-id " + event.commandId() + " --instance-id "
                    + event.instanceId() + region);
        }
        if (!remoteShell.isEmpty() && event.instanceId() != null) {
            String commands = remoteShell.stream().map(c -> '"' + c + '"').collect(Collectors.joining(","));
            list.add("aws ssm send-command --instance-ids " + event.instanceId() + " --document-name AWS-RunShellScript"
                    + " --parameters 'commands=[" + commands + "]'" + region);
        }
        if (event.instanceId() != null) {
            list.add("aws ssm describe-instance-information --filters Key=InstanceIds,Values=" + event.instanceId() + region);
            list.add("aws ssm describe-instance-patch-states --instance-ids " + event.instanceId() + region);
        } else if (event.windowExecutionId() != null) {
            list.add("aws ssm get-maintenance-window-execution --window-execution-id " + event.windowExecutionId() + region);
        }
        return list;
    }
}
