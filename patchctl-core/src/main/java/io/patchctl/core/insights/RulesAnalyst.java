package io.patchctl.core.insights;

import io.patchctl.core.insights.event.FailureEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The offline analyst and the model's fallback: turns the classified dnf/rpm error into the same
 * eight-field analysis, with actions and commands specific to the failure, the host and the region.
 */
public final class RulesAnalyst implements Analyst {

    @Override
    public AnalysisOutcome analyze(FailureContext context) {
        return new AnalysisOutcome(analysis(context), AnalysisOutcome.RULES, null, null, 0, 0, 0);
    }

    /** The rules' analysis alone (the model analyst uses it as fallback). */
    public FailureAnalysis analysis(FailureContext context) {
        ErrorClass errorClass = context.classification().errorClass();
        String line = context.classification().errorLine();
        String block = context.classification().evidenceBlock();
        // the whole block: the header alone ("Error: Transaction test error:") does not name the cause
        String evidence = block.isEmpty() ? "" : " Evidence: \"" + abbreviate(block) + "\".";
        FailureEvent event = context.event();
        Commands aws = new Commands(context);
        List<String> dnf = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        List<String> prevent = new ArrayList<>();
        String cause;
        AnalysisSeverity severity;
        switch (errorClass) {
            case PACKAGE_DB -> {
                cause = "The host's rpm database is damaged, empty or left mid-transaction (duplicate packages, dnf check"
                        + " problems, an unfinished dnf transaction), so nothing was patched and the host is not compliant."
                        + evidence;
                severity = AnalysisSeverity.HIGH;
                actions.add("Read package_db in the host's RunReport: it lists the duplicates, dnf check lines and the unfinished transaction.");
                actions.add("Duplicates after an interrupted upgrade: remove the older copies (dnf remove --duplicates),"
                        + " or set 'repair: fix' in the patch policy to let the agent do it; an unreadable database needs rpm --rebuilddb or a restore.");
                dnf.add("dnf check");
                dnf.add("dnf history info last");
                dnf.add("dnf remove --duplicates");
                prevent.add("Keep the dnf timeout below the SSM step timeout so a cancel never SIGKILLs rpm mid-transaction; alarm on low disk space.");
            }
            case METADATA_DOWNLOAD -> {
                cause = "dnf could not download repository metadata, so no update could be resolved." + evidence;
                severity = AnalysisSeverity.HIGH;
                actions.add("Check that the host reaches the repository (VPC endpoints or NAT, proxy, security groups, DNS).");
                actions.add("Check whether other hosts fail the same way: a repository or mirror outage affects the whole fleet.");
                dnf.add("dnf clean metadata");
                dnf.add("dnf makecache --refresh");
                dnf.add("dnf repolist -v");
                aws.runShell("dnf clean metadata", "dnf makecache --refresh");
                prevent.add("Monitor repository reachability from each subnet; keep a local mirror or Satellite for critical fleets.");
            }
            case GPG_CHECK -> {
                cause = "A package failed the GPG signature check: its signing key is missing or the package is unsigned."
                        + evidence;
                severity = AnalysisSeverity.HIGH;
                actions.add("Verify the package's origin before importing any key: a failed signature can mean a tampered repository.");
                actions.add("Import the repository's official key from the vendor (rpm --import), then retry.");
                dnf.add("dnf repolist -v");
                dnf.add("dnf clean packages");
                prevent.add("Distribute repository GPG keys with the host image; never set gpgcheck=0 to get past this.");
            }
            case DEPENDENCY -> {
                cause = "dnf could not resolve dependencies for the security update." + evidence;
                severity = AnalysisSeverity.MEDIUM;
                actions.add("Find the package that needs the missing or conflicting capability and the repository that should provide it.");
                actions.add("Check for version locks, excludes or modules that pin an old version.");
                dnf.add("dnf check");
                dnf.add("dnf repoquery --unsatisfied");
                dnf.add("dnf upgrade --security --assumeno");
                prevent.add("Keep all required repositories (BaseOS, AppStream, CodeReady) enabled and in sync in every environment.");
            }
            case FILE_CONFLICT -> {
                cause = "The transaction test found two packages that install the same file with different content." + evidence;
                severity = AnalysisSeverity.MEDIUM;
                actions.add("Identify which package owns the file and where the conflicting package comes from (often a third-party repo).");
                actions.add("Remove or replace the conflicting package, then retry the update.");
                dnf.add("dnf repoquery --installed --whatprovides " + conflictPath(line));
                dnf.add("dnf upgrade --security --assumeno");
                prevent.add("Avoid mixing third-party repositories that repackage RHEL files; pin repository priorities.");
            }
            case DISK_SPACE -> {
                cause = "The filesystem has too little free space for the update transaction." + evidence;
                severity = AnalysisSeverity.HIGH;
                actions.add("Free space on the filesystem dnf names (old kernels, dnf cache, logs), or grow the volume.");
                dnf.add("dnf clean all");
                dnf.add("dnf remove --oldinstallonly --setopt installonly_limit=2 kernel");
                aws.runShell("df -h");
                prevent.add("Alarm on root filesystem usage (CloudWatch agent disk_used_percent) before the patch window.");
            }
            case RPM_LOCK -> {
                cause = "Another package manager process held the rpm/dnf lock, so the patch transaction could not start."
                        + evidence;
                severity = AnalysisSeverity.MEDIUM;
                actions.add("Find the process holding the lock (dnf-automatic, a yum/dnf run by a person or a configuration agent) and let it finish.");
                actions.add("Retry the patch run once the lock is free; do not delete the lock file of a running process.");
                dnf.add("dnf history list");
                aws.runShell("ps -eo pid,etime,cmd");
                prevent.add("Disable dnf-automatic or schedule it outside the maintenance window on hosts patched by SSM.");
            }
            case RPMDB_CORRUPT -> {
                cause = "The rpm database is damaged or locked by a dead process, so neither dnf nor rpm can read it." + evidence;
                severity = AnalysisSeverity.HIGH;
                actions.add("Make sure no dnf, yum or rpm process is running, then back up /var/lib/rpm (cp -a /var/lib/rpm /var/lib/rpm.bak).");
                actions.add("Remove the stale Berkeley DB environment files (/var/lib/rpm/__db.*) and rebuild the database (rpm --rebuilddb).");
                actions.add("Check the result (rpm -qa | wc -l, dnf check) before re-running the patch.");
                dnf.add("dnf clean all");
                dnf.add("dnf check");
                aws.runShell("rpm --rebuilddb");
                prevent.add("Never kill dnf or rpm mid-transaction (watch Run Command timeouts); keep a daily rpm -qa list for recovery.");
            }
            case SCRIPTLET -> {
                cause = (nonFatalScriptlet(block)
                        ? "A package's post-install scriptlet failed (rpm treats this as non-fatal): the package is installed but its set-up step did not finish."
                        : "An RPM scriptlet failed during the transaction; the transaction may be partly applied.") + evidence;
                severity = AnalysisSeverity.HIGH;
                actions.add("Read the scriptlet's own output in the Run Command log to see which check failed.");
                actions.add("Check the rpm database and dnf history for a partly applied transaction; fix the cause and re-run the update.");
                dnf.add("dnf history info last");
                dnf.add("dnf check");
                prevent.add("Test third-party packages' scriptlets in a staging environment before the production window.");
            }
            case NOT_REGISTERED -> {
                cause = "The host is not registered with an entitlement server (Red Hat Subscription Management), so no RHEL repositories are enabled."
                        + evidence;
                severity = AnalysisSeverity.HIGH;
                actions.add("Register the host (subscription-manager register) or attach it to the RHUI/Satellite its image expects.");
                actions.add("Confirm the RHEL repositories are enabled afterwards, then re-run the patch.");
                dnf.add("dnf repolist");
                prevent.add("Register hosts at launch (user data or image) and alert on hosts with no enabled repositories.");
            }
            case TIMEOUT -> {
                cause = "The patch command timed out before it finished." + evidence;
                severity = AnalysisSeverity.MEDIUM;
                actions.add("Check whether dnf is still running or left a partial transaction, and whether downloads were slow.");
                actions.add("Re-run the patch with a longer execution timeout if the host is healthy.");
                dnf.add("dnf history list");
                prevent.add("Set the Run Command execution timeout above the longest observed patch run; keep a nearby mirror.");
            }
            case AGENT_UNREACHABLE -> {
                cause = "SSM could not deliver the patch command: the host's SSM agent was not reachable (stopped instance, agent down or no route to SSM).";
                severity = AnalysisSeverity.HIGH;
                actions.add("Check that the instance is running and its SSM agent is online (PingStatus).");
                actions.add("Check the instance role and the route to the SSM endpoints (VPC endpoints or NAT).");
                prevent.add("Alarm on managed instances whose SSM PingStatus is not Online before the patch window.");
            }
            default -> {
                cause = "The patch run failed (" + event.status() + ") and the available output does not show a known dnf or rpm error."
                        + evidence;
                severity = AnalysisSeverity.MEDIUM;
                actions.add("Read the full Run Command output and the agent's RunReport for this host.");
                dnf.add("dnf history list");
                dnf.add("dnf check");
                prevent.add("Keep the agent's RunReport and the Run Command output in S3 for every run so failures can be explained.");
            }
        }
        aws.describe();
        if (isCritical(event)) {
            severity = severity.atLeast(AnalysisSeverity.HIGH);
        }
        boolean escalate = severity.compareTo(AnalysisSeverity.HIGH) >= 0;
        String summary = summary(event, errorClass, severity);
        return new FailureAnalysis(cause, severity, actions, dnf, aws.list(), prevent, escalate, summary);
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

    /** The AWS CLI commands for this host and region (single commands, no shell). */
    private static final class Commands {
        private final FailureContext context;
        private final List<String> list = new ArrayList<>();

        Commands(FailureContext context) {
            this.context = context;
        }

        void runShell(String... shellCommands) {
            String instance = context.event().instanceId();
            if (instance == null) {
                return;
            }
            StringBuilder json = new StringBuilder();
            for (String command : shellCommands) {
                json.append(json.length() == 0 ? "" : ",").append('"').append(command).append('"');
            }
            list.add("aws ssm send-command --instance-ids " + instance + " --document-name AWS-RunShellScript"
                    + " --parameters 'commands=[" + json + "]' --region " + context.region());
        }

        void describe() {
            FailureEvent event = context.event();
            String region = " --region " + context.region();
            if (event.commandId() != null && event.instanceId() != null) {
                list.add(0, "aws ssm get-command-invocation --command-id " + event.commandId() + " --instance-id "
                        + event.instanceId() + region);
            }
            if (event.instanceId() != null) {
                list.add("aws ssm describe-instance-information --filters Key=InstanceIds,Values=" + event.instanceId() + region);
                list.add("aws ssm describe-instance-patch-states --instance-ids " + event.instanceId() + region);
            } else if (event.windowExecutionId() != null) {
                list.add("aws ssm get-maintenance-window-execution --window-execution-id " + event.windowExecutionId() + region);
            }
        }

        List<String> list() {
            return list;
        }
    }
}
