package io.patchctl.agent;

import io.patchctl.dnf.OsReleaseFile;
import io.patchctl.core.campaign.CampaignSelection;
import io.patchctl.core.run.AgentWorkflow;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.run.RunLock;
import io.patchctl.core.run.RunOutcome;
import io.patchctl.core.run.RunRequest;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PolicyLoader;
import io.patchctl.core.report.RunMode;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.store.ReportKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchctl run}: patch this host (or an installroot) and print the RunReport. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Patch this host (or an installroot) and print the RunReport JSON on stdout.",
                "Discovers pending security updates with dnf, plans them (Bedrock or rules), enforces the policy,",
                "tests and applies the transaction, verifies, and also stores the report in each store given.",
                "Exit codes: 0 compliant, 1 usage/config (or an internal error), 2 bad input (policy file), 3 non-compliant,",
                "4 failed, 5 report not stored durably (spooled), 6 cancelled by SIGTERM (report stored or spooled),",
                "7 another patchctl run holds the run lock (nothing done),",
                "8 rolled back (the policy's post_install hook failed; the run undid its dnf transaction),",
                "194 reboot requested (policy reboot: if-needed; SSM reboots the host and runs the command again)."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Mixin
    BedrockCallOptions bedrockCall = new BedrockCallOptions();

    @Option(names = "--env", defaultValue = "dev", description = "Environment name used in report keys (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(names = "--installroot", defaultValue = "/", paramLabel = "DIR",
            description = "Root of the system to patch (default: ${DEFAULT-VALUE}).")
    Path installroot;

    @Option(names = "--dnf-arg", paramLabel = "ARG",
            description = {"Argument passed to every dnf call; repeatable (e.g. --dnf-arg=--config=/etc/dnf/lab.conf).",
                    "Allow-listed: --config=, --releasever=, --noplugins, --enableplugin=, --disableplugin=, --repo=,",
                    "--repoid=, --enablerepo=, --disablerepo=, --setopt=KEY=VALUE (network/metadata keys); else exit 1."})
    List<String> dnfArgs = new ArrayList<>();

    @Option(names = "--advisor", defaultValue = "bedrock", paramLabel = "bedrock|rules", converter = AdvisorKind.Converter.class,
            description = "Who plans: bedrock (falls back to rules, reason recorded) or rules (default: ${DEFAULT-VALUE}).")
    AdvisorKind advisor;

    @Option(names = "--bedrock-api", defaultValue = "invoke-model", paramLabel = "invoke-model|converse",
            description = "InvokeModel with the Anthropic Messages body, or the Converse API for other models (default: ${DEFAULT-VALUE}).")
    String bedrockApi;

    @Option(names = "--bedrock-budget", defaultValue = "120", paramLabel = "SECONDS",
            description = "Overall time for Bedrock calls in this run, retries included; then rules (default: ${DEFAULT-VALUE}).")
    long bedrockBudgetSeconds;

    @Option(names = "--no-plan-cache", description = "Do not share plans through bedrock-plan-cache/ in the report bucket or dir.")
    boolean noPlanCache;

    @Option(names = "--plan-cache-ttl", defaultValue = "168", paramLabel = "HOURS",
            description = "How long a shared plan is reused (default: ${DEFAULT-VALUE} = 7 days).")
    long planCacheTtlHours;

    @Option(names = "--no-compliance", description = "Do not report compliance to SSM (PutComplianceItems; only done on EC2).")
    boolean noCompliance;

    @Option(names = "--compliance-type", defaultValue = "Custom:RHEL8SecurityPatching", paramLabel = "Custom:NAME",
            description = "SSM compliance type of PutComplianceItems; the deployment's EventBridge rule filters on the same"
                    + " value (Terraform passes var.compliance_type; default: ${DEFAULT-VALUE}).")
    String complianceType;

    @Option(names = "--policy", paramLabel = "FILE", description = "Policy YAML; a malformed file is exit 2 (default: built-in).")
    Path policyFile;

    /** Both may be given: the report is written to each. */
    @ArgGroup(exclusive = false, heading = "Report stores (the report is written to each one given):%n")
    ReportStoreOptions stores = new ReportStoreOptions();

    @Option(names = "--scan-only", description = "Discover and plan; change nothing.")
    boolean scanOnly;

    @Option(names = "--instance-id", description = "Instance id for report keys (default: from the platform, else the hostname).")
    String instanceId;

    @Option(names = "--dnf-timeout", defaultValue = "1800", paramLabel = "SECONDS",
            description = "Timeout of each dnf call; a held lock or hung repository fails the run (default: ${DEFAULT-VALUE}).")
    long dnfTimeoutSeconds;

    @Option(names = "--spool-dir", defaultValue = "/var/spool/patchctl", paramLabel = "DIR",
            description = "Where the report is kept when a report store fails (default: ${DEFAULT-VALUE}).")
    Path spoolDir;

    @Option(names = "--lock-file", defaultValue = "/run/patchctl/run.lock", paramLabel = "FILE",
            description = "Host-wide run lock; a second run exits 7 at once (default: ${DEFAULT-VALUE}).")
    Path lockFile;

    @Option(names = "--state-dir", defaultValue = "/var/lib/patchctl", paramLabel = "DIR",
            description = "The agent's state: the reboot marker " + io.patchctl.core.reboot.RebootMarkerFile.FILE_NAME
                    + " a run writes before it exits 194 (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--reboot", paramLabel = "never|if-needed",
            description = {"Replaces the policy's reboot: key (the SSM document's reboot parameter). if-needed installs",
                    "kernels and asks SSM to reboot (exit 194); a bad value is exit 2 (default: the policy's, else never)."})
    String reboot;

    @Option(names = "--term-grace", defaultValue = "120", paramLabel = "SECONDS",
            description = "On SIGTERM, how long a running dnf may finish before the report is written without it (default: ${DEFAULT-VALUE}).")
    long termGraceSeconds;

    @Option(names = "--cve", paramLabel = "CVE-YYYY-NNNN",
            description = {"Campaign: only the updates whose advisory lists this CVE; repeatable. Everything else is held",
                    "(\"not in campaign …\"); selected updates still go through the policy. An invalid id is exit 1."})
    List<String> campaignCves = new ArrayList<>();

    @Option(names = "--advisory", paramLabel = "ID",
            description = "Campaign: only the updates of this advisory (RHSA-2026:1234, RLSA-, ALSA-, ELSA-, ALAS2023-, FEDORA-…); repeatable.")
    List<String> campaignAdvisories = new ArrayList<>();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    @Mixin
    RingOptions rings = new RingOptions();

    private final AgentComponents components;
    /** Set by the SIGTERM hook (PatchctlMain): the workflow stops before its next step. */
    final java.util.concurrent.atomic.AtomicBoolean cancellation = new java.util.concurrent.atomic.AtomicBoolean();

    public RunCommand() {
        this(new AgentComponents());
    }

    public RunCommand(AgentComponents components) {
        this.components = components;
    }

    @Override
    public Integer call() {
        CampaignSelection campaign;
        try {
            campaign = new CampaignSelection(campaignCves, campaignAdvisories);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cve/--advisory: " + e.getMessage());
        }
        if (bedrockBudgetSeconds <= 0 || planCacheTtlHours <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--bedrock-budget and --plan-cache-ttl must be > 0");
        }
        try {
            io.patchctl.aws.BedrockApi.parse(bedrockApi);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bedrock-api: " + e.getMessage());
        }
        try {
            bedrockCall.tuning().validate();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (dnfTimeoutSeconds <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--dnf-timeout must be > 0 seconds");
        }
        try {
            io.patchctl.aws.SsmComplianceLimits.complianceType(complianceType);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--compliance-type: " + e.getMessage());
        }
        try {
            io.patchctl.dnf.DnfArgPolicy.check(dnfArgs);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (termGraceSeconds <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--term-grace must be > 0 seconds");
        }
        if (!Files.isDirectory(installroot)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--installroot " + installroot + " is not a directory");
        }
        rings.validate();
        PatchPolicy policy = PolicyLoader.load(policyFile, reboot).toBuilder().campaign(campaign).build();
        List<String> effectiveDnfArgs = OsReleaseFile.dnfArgs(dnfArgs, policy, OsReleaseFile.read(installroot));
        ReportStoreOptions store = ReportStoreOptions.orNone(stores);
        Path reportDir = store.dir().orElse(null);
        String reportBucket = store.bucket().orElse(null);
        AgentComponents.Settings settings = AgentComponents.Settings.builder()
                .advisor(advisor.id()).model(model.modelId(), model.region()).environment(environment)
                .reports(reportDir, reportBucket)
                .dnf(installroot.toAbsolutePath(), effectiveDnfArgs, Duration.ofSeconds(dnfTimeoutSeconds))
                .bedrock(bedrockApi, Duration.ofSeconds(bedrockBudgetSeconds), bedrockCall.tuning())
                .planCache(!noPlanCache, Duration.ofHours(planCacheTtlHours))
                .compliance(!noCompliance, complianceType).build();
        String hostname = hostname();
        String instance = instanceId != null ? instanceId : components.instanceId(settings).orElse(hostname);
        checkKeySegment("--env", environment);
        checkKeySegment("--instance-id", instance);

        java.util.Optional<RunLock> lock;
        try {
            lock = RunLock.tryAcquire(lockFile);
        } catch (IOException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--lock-file " + lockFile + " cannot be opened: " + e.getMessage());
        }
        if (lock.isEmpty()) {
            var err = spec.commandLine().getErr();
            err.println("patchctl: BUSY: another patchctl run (pid " + RunLock.holder(lockFile) + ") holds " + lockFile
                    + "; this run changed nothing and stored nothing");
            err.flush();
            spec.commandLine().getOut().println("{\"status\":\"BUSY\",\"exit_code\":" + ExitCode.BUSY.code()
                    + ",\"lock_file\":" + Json.mapper().valueToTree(lockFile.toString()) + "}");
            spec.commandLine().getOut().flush();
            return ExitCode.BUSY.code();
        }
        SigtermHook hook = SigtermHook.install(cancellation, Duration.ofSeconds(termGraceSeconds), spec.commandLine().getErr());
        int code = ExitCode.FAILED.code();
        try (RunLock held = lock.get()) {
            code = runLocked(settings, instance, hostname, policy);
            return code;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot release " + lockFile, e);
        } finally {
            hook.finished(code);
        }
    }

    private int runLocked(AgentComponents.Settings settings, String instance, String hostname, PatchPolicy policy) {
        AgentWorkflow.Builder workflow = AgentWorkflow.builder()
                .packageManager(components.packageManager(settings))
                .spoolDir(spoolDir)
                .clock(components.clock())
                .hookRunner(components.hookRunner(settings))
                .reboots(new io.patchctl.core.reboot.RebootCoordinator(new io.patchctl.core.reboot.RebootMarkerFile(stateDir),
                        components.runningKernel(settings), components.clock()))
                .cancellation(cancellation::get);
        java.util.List<io.patchctl.core.store.ReportStore> reportStores = components.stores(settings);
        reportStores.forEach(workflow::store);
        components.quarantineStore(settings).ifPresent(workflow::quarantineStore);
        // the ring's recorder before the components' hooks: the last of those closes the AWS clients
        workflow.advisor(rings.wire(workflow, components.advisor(settings), reportStores, policy));
        components.hooks(settings).forEach(workflow::hook);

        RunOutcome outcome = workflow.build().run(new RunRequest(environment, instance, hostname,
                installroot.toString(), scanOnly ? RunMode.SCAN_ONLY : RunMode.PATCH, policy));
        RunReport report = outcome.report();
        spec.commandLine().getOut().println(Json.pretty(report));
        spec.commandLine().getOut().flush();
        var err = spec.commandLine().getErr();
        err.printf("patchctl: %s exit=%d approved=%d held=%d rejected=%d dnf_invocations=%d duration_ms=%d%n",
                report.status(), report.exitCode(), report.approved().size(), report.held().size(),
                report.rejected().size(), report.dnfInvocations(), report.durationMillis());
        if (report.campaign() != null) {
            report.campaign().results().forEach(r -> err.println("patchctl: campaign " + r.id() + " " + r.status()
                    + (r.reason() == null ? "" : ": " + r.reason())));
        }
        if (report.error() != null) {
            err.println("patchctl: error: " + report.error());
        }
        outcome.storedAt().forEach(k -> err.println("patchctl: report stored at " + k));
        if (outcome.spooledTo() != null) {
            err.println("patchctl: report spooled to " + outcome.spooledTo());
        }
        err.flush();
        return report.exitCode();
    }

    private void checkKeySegment(String option, String value) {
        try {
            ReportKeys.segment(value);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** The kernel's hostname; no DNS lookup (it may hang offline). */
    static String hostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException ignored) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
