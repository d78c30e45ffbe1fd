package io.patchctl.cli;

import io.patchctl.agent.AdvisorKind;
import io.patchctl.agent.ModelOptions;
import io.patchctl.agent.PatchctlException;
import io.patchctl.agent.ReportStoreOptions;
import io.patchctl.agent.VerboseOption;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.cli.fleetreport.FleetReportFiles;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.FleetQuarantine;
import io.patchctl.core.fleet.SummaryTable;
import io.patchctl.cli.simulate.HostRun;
import io.patchctl.cli.simulate.ProgressReporter;
import io.patchctl.cli.simulate.Simulation;
import io.patchctl.cli.simulate.SimulationWiring;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.quarantine.QuarantineStore;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabException;
import io.patchctl.lab.StandardLabs;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchctl simulate}: a whole patch cycle on a local lab fleet, through real dnf, with the
 * failures analysed and every report stored, then a fleet report to look at.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Patch a local lab fleet end to end and write its fleet report.",
            "Real dnf in installroots, SSM-like rate controls, failures turned into EventBridge events and analysed,",
            "every report stored, fleet-report.html written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every host compliant", "1:bad option or configuration (lab), or an internal error",
            "3:some host non-compliant or not started, none failed", "4:some host failed (the lab builds two to fail)",
            "5:the report store is unavailable, or reports could not be stored (the fleet report and the events are still written to --out)"})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "8", description = "Hosts in the fleet (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4",
            description = "Hosts patched at a time, a number or a percentage like SSM MaxConcurrency (default: ${DEFAULT-VALUE}).")
    String concurrency;

    @Option(names = "--max-errors", paramLabel = "E", defaultValue = "50%",
            description = {"Stop launching hosts once more than E have failed, like SSM MaxErrors (0 = stop after the",
                "first failure; hosts already running finish). A number or a percentage (default: ${DEFAULT-VALUE})."})
    String maxErrors;

    @Option(names = "--advisor", paramLabel = "rules|bedrock", defaultValue = "rules", converter = AdvisorKind.Converter.class,
            description = "Who plans each host's patches: the offline rules, or Bedrock (default: ${DEFAULT-VALUE}).")
    AdvisorKind advisor;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = "dev", description = "Environment name in reports and keys (default: ${DEFAULT-VALUE}).")
    String environment;

    /** One store, checked before any host runs; without one, the reports are stored in the --out directory. */
    @ArgGroup(exclusive = true)
    ReportStoreOptions stores = new ReportStoreOptions();

    @Option(names = "--out", paramLabel = "DIR",
            description = {"fleet-report.html/.json and failure events go here; also the report store when no --report-dir or",
                "--report-bucket is given (default: the --report-dir, else " + DEFAULT_OUT + ")."})
    Path out;

    static final String DEFAULT_OUT = "patchctl-out";

    /** Deprecated since issue 13: an alias of --report-bucket. */
    @Option(names = "--bucket", hidden = true, paramLabel = "NAME")
    String deprecatedBucket;

    /** Deprecated since issue 13: the SDK's standard AWS_ENDPOINT_URL_S3 names the endpoint. */
    @Option(names = "--s3-endpoint", hidden = true, paramLabel = "URL")
    String deprecatedS3Endpoint;

    @Option(names = "--lab-cache", paramLabel = "DIR",
            description = "Where the built lab is cached (default: $PATCHCTL_LAB_CACHE or <tmp>/patchctl-lab-cache).")
    Path labCache;

    @Option(names = "--no-quarantine",
            description = "Turn the per-update circuit breaker off (policy circuit_breaker: off), to compare: every host"
                    + " with the failing update then fails on it.")
    boolean noQuarantine;

    @Option(names = "--keep-hosts", description = "Keep the hosts' installroots under DIR/hosts for inspection.")
    boolean keepHosts;

    @Option(names = "--progress", paramLabel = "auto|bar|plain|none", defaultValue = "auto", converter = ProgressModeConverter.class,
            description = "Progress on stderr: a bar on a terminal, plain lines otherwise (default: ${DEFAULT-VALUE}).")
    ProgressReporter.Mode progress;

    @Option(names = "--account", paramLabel = "ID", defaultValue = "123456789012", hidden = true,
            description = "Account id put in the synthesized events.")
    String account;

    @Option(names = "--cve", paramLabel = "CVE-YYYY-NNNN",
            description = "Run a campaign instead of a cycle (as patchctl campaign, over the lab fleet): only this CVE's updates; repeatable.")
    java.util.List<String> campaignCves = new java.util.ArrayList<>();

    @Option(names = "--advisory", paramLabel = "ID", description = "Campaign: only this advisory's updates; repeatable.")
    java.util.List<String> campaignAdvisories = new java.util.ArrayList<>();

    @Option(names = "--rings", paramLabel = "RING,RING[,…]", split = ",",
            description = {"Roll out in rings, in order (e.g. dev,staging,prod): the fleet is split into contiguous blocks,",
                "one per ring; the first runs open, each later one gated on the approval promoted from the one before",
                "(as patchctl promote, on a simulated clock --soak-days later); the lab then offers a newer openssl-libs",
                "that no ring proved."})
    List<String> rings;

    @Option(names = "--soak-days", paramLabel = "N",
            description = "With --rings: the soak each promotion requires, 0.." + io.patchctl.core.rollout.PromotionRequest.MAX_SOAK_DAYS
                    + "; the simulated clock advances N days per ring, nothing waits (default: " + DEFAULT_SOAK_DAYS + ").")
    Integer soakDays;

    static final int DEFAULT_SOAK_DAYS = 7;

    @Mixin
    VerboseOption verbose = new VerboseOption();

    /** Replaced by tests: credentials and AWS_ENDPOINT_URL_S3 for a --report-bucket. */
    Map<String, String> env = System.getenv();

    private final SimulationWiring wiring;
    private final PrintStream stderrStream;

    public SimulateCommand() {
        this(new DefaultSimulationWiring(), System.err);
    }

    /** For tests: other wiring, and the stream the progress bar draws on. */
    SimulateCommand(SimulationWiring wiring, PrintStream stderrStream) {
        this.wiring = wiring;
        this.stderrStream = stderrStream;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ProgressReporter.Mode mode = progress;
        validate();
        io.patchctl.core.campaign.fleet.CampaignLaunch campaign = campaignCves.isEmpty() && campaignAdvisories.isEmpty() ? null
                : CampaignCommand.launch(spec, environment, campaignCves, campaignAdvisories, concurrency, maxErrors);
        if (campaign != null && rings != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rings cannot be combined with --cve/--advisory: a campaign bypasses the rings (patchctl campaign)");
        }
        if (campaign != null && advisor != AdvisorKind.RULES) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cve/--advisory: a simulated campaign plans with --advisor rules");
        }
        ReportStoreChoice choice = new ReportStoreChoice(spec);
        ReportStoreOptions storeOptions = choice.withBucketAlias(stores, "--bucket", deprecatedBucket);
        if (deprecatedS3Endpoint != null) {
            choice.deprecated("--s3-endpoint", "the environment variable AWS_ENDPOINT_URL_S3");
            if (storeOptions.bucket().isEmpty()) {
                throw choice.usage("--s3-endpoint needs --report-bucket (the bucket to store reports in)");
            }
        }
        Path out = this.out != null ? this.out : storeOptions.dir().orElse(Path.of(DEFAULT_OUT));
        if (storeOptions.isEmpty()) {
            storeOptions = new ReportStoreOptions(out, null);
        }
        ReportStore store;
        Lab lab;
        Lab laterLab = null;
        List<io.patchctl.cli.simulate.RingRollout.RingOutcome> ringOutcomes = List.of();
        try {
            store = openStore(choice, storeOptions);
            store.list("bedrock-patch-runs/" + environment + "/"); // fail fast: an unreachable store before any host runs
            if (rings != null) {
                io.patchctl.cli.simulate.RingRollout.checkApprovals(store, rings);
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (StoreUnavailableException e) {
            throw new PatchctlException(ExitCode.NOT_STORED, "the report store is not usable: " + e.getMessage(), e);
        }
        try {
            long t0 = System.nanoTime();
            lab = labCache == null ? Lab.build(StandardLabs.failing()) : Lab.build(StandardLabs.failing(), labCache);
            if (rings != null) {
                // the repository a soak later: a newer openssl-libs no ring has proven
                laterLab = labCache == null ? Lab.build(io.patchctl.cli.simulate.RingLab.later(StandardLabs.failing()))
                        : Lab.build(io.patchctl.cli.simulate.RingLab.later(StandardLabs.failing()), labCache);
            }
            stderr.printf(Locale.ROOT, "lab ready in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, lab.dir());
        } catch (LabException e) {
            throw new PatchctlException(ExitCode.USAGE, e.getMessage(), e);
        }
        stderr.flush();

        Simulation.Result result;
        ProgressReporter<HostRun> bar = new ProgressReporter<>(stderrStream, mode, hosts, SimulateCommand::describe);
        if (campaign != null) {
            return SimulatedCampaign.run(spec, campaign, lab, store, hosts, keepHosts ? out.resolve("hosts")
                    : Path.of(System.getProperty("java.io.tmpdir")), keepHosts, bar);
        }
        try {
            Path hostsDir = keepHosts ? out.resolve("hosts") : Files.createTempDirectory("patchctl-simulate-");
            PatchPolicy policy = PatchPolicy.builder().circuitBreaker(!noQuarantine).build();
            if (!noQuarantine) {
                // one simulate run is one cycle: a quarantine an earlier run left in this store is not this cycle's
                List<String> cleared = new QuarantineStore(store).clear(environment, java.util.Optional.empty());
                if (!cleared.isEmpty()) {
                    stderr.println("patchctl simulate: cleared the quarantine of an earlier cycle: " + String.join(", ", cleared));
                }
            }
            Simulation.Settings settings = new Simulation.Settings(hosts, concurrency, maxErrors, environment, advisor.id(), account,
                    model.region(), "patchctl-run-patch", hostsDir, keepHosts);
            if (rings != null) {
                io.patchctl.cli.simulate.RingRollout.Outcome rollout = new io.patchctl.cli.simulate.RingRollout(lab, laterLab,
                        ring -> wiring.agent(advisor.id(), model.modelId(), model.region(), store, policy, ring),
                        wiring.analyzer(advisor.id(), model.modelId(), model.region(), environment, store), store,
                        Clock.systemUTC()).run(rings, soakDays == null ? DEFAULT_SOAK_DAYS : soakDays, settings, bar);
                result = rollout.combined();
                ringOutcomes = rollout.rings();
            } else {
                Simulation simulation = new Simulation(lab, wiring.agent(advisor.id(), model.modelId(), model.region(), store, policy),
                        wiring.analyzer(advisor.id(), model.modelId(), model.region(), environment, store), store, Clock.systemUTC());
                result = simulation.run(settings, bar);
            }
            if (!keepHosts) {
                Files.deleteIfExists(hostsDir);
            }
        } catch (StoreUnavailableException e) {
            bar.close();
            throw new PatchctlException(ExitCode.NOT_STORED, "reports could not be stored: " + e.getMessage(), e);
        } catch (IOException e) {
            bar.close();
            throw new PatchctlException(ExitCode.USAGE, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            bar.close();
            throw new PatchctlException(ExitCode.USAGE, e.getMessage(), e);
        } finally {
            wiring.close();
        }
        bar.close();

        FleetReport report = result.report();
        Path html;
        try {
            html = FleetReportFiles.write(report, out);
            Path events = Files.createDirectories(out.resolve("events"));
            for (Map.Entry<String, com.fasterxml.jackson.databind.node.ObjectNode> e : result.events().entrySet()) {
                Files.write(events.resolve("failure-" + e.getKey() + ".json"), Json.bytes(e.getValue()));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new PatchctlException(ExitCode.NOT_STORED, "cannot write the fleet report or the events to " + out
                    + ": " + e.getMessage(), e);
        }
        report.problems().forEach(p -> stderr.println("patchctl simulate: " + p));
        stdout.print(new SummaryTable().render(report));
        stdout.printf(Locale.ROOT, "Cycle: %.1f s, %.1f hosts/min, %d distinct update sets, reports in %s%n",
                report.cycle().wallMillis() / 1000.0, report.cycle().hostsPerMinute(report.hostsRun()),
                report.cycle().distinctUpdateSets(), store.describe());
        if (!ringOutcomes.isEmpty()) {
            stdout.print(io.patchctl.cli.simulate.RingSummary.render(ringOutcomes));
        }
        for (FleetQuarantine.Entry q : FleetQuarantine.of(report.hosts())) {
            stdout.printf(Locale.ROOT, "Quarantined: %s-%s (%s) failed on %d host(s), first %s; held by %d host(s)%n",
                    q.packageName(), q.evr(), q.failureClass(), q.failedOn().size(), q.firstFailedOn(), q.saved().size());
        }
        stdout.println("Fleet report: " + html);
        stdout.flush();
        if (result.unstored() > 0) {
            stderr.println("patchctl simulate: " + result.unstored() + " report(s) could not be stored in "
                    + store.describe() + " (RunReports spooled by the agent; failure events kept in "
                    + out.resolve("events") + ")");
            return ExitCode.NOT_STORED.code();
        }
        return exitCode(report).code();
    }

    /** {@code --progress} in lower case, as documented; the error lists the valid values. */
    static final class ProgressModeConverter implements picocli.CommandLine.ITypeConverter<ProgressReporter.Mode> {
        @Override
        public ProgressReporter.Mode convert(String value) {
            for (ProgressReporter.Mode mode : ProgressReporter.Mode.values()) {
                if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return mode;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a progress mode (valid: "
                    + java.util.Arrays.stream(ProgressReporter.Mode.values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                            .collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
    }

    /** Usage errors, before the lab is built or a store is touched. */
    private void validate() {
        if (hosts < 1 || hosts > 10_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--hosts must be between 1 and 10000, was " + hosts);
        }
        if (soakDays != null && rings == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--soak-days needs --rings");
        }
        if (soakDays != null && (soakDays < 0 || soakDays > io.patchctl.core.rollout.PromotionRequest.MAX_SOAK_DAYS)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--soak-days must be 0.."
                    + io.patchctl.core.rollout.PromotionRequest.MAX_SOAK_DAYS + ", was " + soakDays);
        }
        try {
            io.patchctl.cli.simulate.RateControl.parse(concurrency, maxErrors, hosts);
            io.patchctl.core.store.ReportKeys.segment(environment);
            if (rings != null) {
                io.patchctl.cli.simulate.RingRollout.parse(rings);
                io.patchctl.cli.simulate.RingRollout.blockSizes(hosts, rings.size());
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The directory is created when missing (simulate writes there); a bucket must exist. */
    private ReportStore openStore(ReportStoreChoice choice, ReportStoreOptions options) {
        if (options.bucket().isPresent()) {
            return choice.open(options, deprecatedS3Endpoint, null, model.region(), env);
        }
        return new io.patchctl.core.store.DirectoryReportStore(options.dir().orElseThrow());
    }

    private static String describe(io.patchctl.cli.simulate.Invocation<HostRun> inv) {
        if (inv.result() == null) {
            return "agent crashed: " + inv.error();
        }
        var report = inv.result().result().runReport();
        String status = report == null ? "no report" : report.path("status").asText("?");
        return status + " (exit " + inv.result().result().exitCode() + ", " + inv.result().host().profile().label() + ")";
    }

    /** FAILED (4) if any host failed, NON_COMPLIANT (3) if any is non-compliant or was not started, else COMPLIANT (0). */
    static ExitCode exitCode(FleetReport report) {
        Map<HostOutcome, Integer> o = report.outcomes();
        if (o.get(HostOutcome.FAILED) > 0) {
            return ExitCode.FAILED;
        }
        if (o.get(HostOutcome.NON_COMPLIANT) > 0 || o.get(HostOutcome.NOT_STARTED) > 0) {
            return ExitCode.NON_COMPLIANT;
        }
        return ExitCode.COMPLIANT;
    }
}
