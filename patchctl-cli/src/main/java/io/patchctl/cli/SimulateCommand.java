package io.patchctl.cli;

import io.patchctl.agent.ModelOptions;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.cli.fleetreport.FleetReportFiles;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.fleet.SummaryTable;
import io.patchctl.cli.simulate.HostRun;
import io.patchctl.cli.simulate.ProgressReporter;
import io.patchctl.cli.simulate.Simulation;
import io.patchctl.cli.simulate.SimulationWiring;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.DirectoryReportStore;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
        description = {"Patch a local lab fleet end to end: real dnf in installroots, SSM-like rate controls,",
            "failures turned into EventBridge events and analysed, reports stored, fleet-report.html written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every host compliant", "1:bad option or configuration (lab, store)",
            "3:some host non-compliant or not started, none failed", "4:some host failed (the lab builds two to fail)",
            "5:reports could not be stored (the fleet report and the events are still written to --out)"})
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

    @Option(names = "--advisor", paramLabel = "rules|bedrock", defaultValue = "rules",
            description = "Who plans each host's patches: the offline rules, or Bedrock (default: ${DEFAULT-VALUE}).")
    String advisor;



    @Option(names = "--env", paramLabel = "ENV", defaultValue = "dev", description = "Environment name in reports and keys (default: ${DEFAULT-VALUE}).")
    String environment;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "patchctl-out",
            description = "fleet-report.html/.json and failure events go here; also the report store unless --bucket (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3 API endpoint (S3Proxy, MinIO); default: AWS_ENDPOINT_URL_S3 or AWS itself. Needs --bucket.")
    String s3Endpoint;

    @Option(names = "--bucket", paramLabel = "NAME", description = "Store reports in this S3 bucket (which must exist) instead of --out.")
    String bucket;

    @Option(names = "--lab-cache", paramLabel = "DIR",
            description = "Where the built lab is cached (default: $PATCHCTL_LAB_CACHE or <tmp>/patchctl-lab-cache).")
    Path labCache;

    @Option(names = "--keep-hosts", description = "Keep the hosts' installroots under DIR/hosts for inspection.")
    boolean keepHosts;

    @Option(names = "--progress", paramLabel = "auto|bar|plain|none", defaultValue = "auto",
            description = "Progress on stderr: a bar on a terminal, plain lines otherwise (default: ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--account", paramLabel = "ID", defaultValue = "123456789012", hidden = true,
            description = "Account id put in the synthesized events.")
    String account;

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
        ProgressReporter.Mode mode;
        try {
            mode = ProgressReporter.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
            validate();
        } catch (IllegalArgumentException e) {
            stderr.println("patchctl simulate: " + (e.getMessage().startsWith("No enum constant")
                    ? "--progress must be auto, bar, plain or none, was '" + progress + "'" : e.getMessage()));
            return 1;
        }
        ReportStore store;
        Lab lab;
        try {
            store = openStore();
            store.list("bedrock-patch-runs/" + environment + "/"); // fail fast: an unreachable store before any host runs
            long t0 = System.nanoTime();
            lab = labCache == null ? Lab.build(StandardLabs.failing()) : Lab.build(StandardLabs.failing(), labCache);
            stderr.printf(Locale.ROOT, "lab ready in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, lab.dir());
        } catch (IllegalArgumentException | LabException e) {
            stderr.println("patchctl simulate: " + e.getMessage());
            return 1;
        } catch (StoreUnavailableException e) {
            stderr.println("patchctl simulate: the report store is not usable: " + e.getMessage());
            return 1;
        }
        stderr.flush();

        Simulation.Result result;
        ProgressReporter<HostRun> bar = new ProgressReporter<>(stderrStream, mode, hosts, SimulateCommand::describe);
        try {
            Path hostsDir = keepHosts ? out.resolve("hosts") : Files.createTempDirectory("patchctl-simulate-");
            Simulation simulation = new Simulation(lab, wiring.agent(advisor, model.modelId(), model.region(), store),
                    wiring.analyzer(advisor, model.modelId(), model.region(), environment, store), store, Clock.systemUTC());
            result = simulation.run(new Simulation.Settings(hosts, concurrency, maxErrors, environment, advisor, account,
                    model.region(), "patchctl-run-patch", hostsDir, keepHosts), bar);
            if (!keepHosts) {
                Files.deleteIfExists(hostsDir);
            }
        } catch (StoreUnavailableException e) {
            bar.close();
            stderr.println("patchctl simulate: reports could not be stored: " + e.getMessage());
            return 5;
        } catch (IOException e) {
            bar.close();
            stderr.println("patchctl simulate: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            bar.close();
            stderr.println("patchctl simulate: " + e.getMessage());
            return 1;
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
            stderr.println("patchctl simulate: " + e.getMessage());
            return 5;
        }
        report.problems().forEach(p -> stderr.println("patchctl simulate: " + p));
        stdout.print(new SummaryTable().render(report));
        stdout.printf(Locale.ROOT, "Cycle: %.1f s, %.1f hosts/min, %d distinct update sets, reports in %s%n",
                report.cycle().wallMillis() / 1000.0, report.cycle().hostsPerMinute(report.hostsRun()),
                report.cycle().distinctUpdateSets(), store.describe());
        stdout.println("Fleet report: " + html);
        stdout.flush();
        if (result.unstored() > 0) {
            stderr.println("patchctl simulate: " + result.unstored() + " report(s) could not be stored in "
                    + store.describe() + " (RunReports spooled by the agent; failure events kept in "
                    + out.resolve("events") + ")");
            return 5;
        }
        return exitCode(report);
    }

    private void validate() {
        if (hosts < 1 || hosts > 10_000) {
            throw new IllegalArgumentException("--hosts must be between 1 and 10000, was " + hosts);
        }
        if (!advisor.equals("rules") && !advisor.equals("bedrock")) {
            throw new IllegalArgumentException("--advisor must be rules or bedrock, was '" + advisor + "'");
        }
        if (s3Endpoint != null && bucket == null) {
            throw new IllegalArgumentException("--s3-endpoint needs --bucket (the bucket to store reports in)");
        }
        io.patchctl.cli.simulate.RateControl.parse(concurrency, maxErrors, hosts);
        io.patchctl.core.store.ReportKeys.segment(environment);
    }

    private ReportStore openStore() {
        if (bucket != null) {
            return ReportStores.s3(bucket, s3Endpoint, model.region(), System.getenv());
        }
        return new DirectoryReportStore(out);
    }

    private static String describe(io.patchctl.cli.simulate.Invocation<HostRun> inv) {
        if (inv.result() == null) {
            return "agent crashed: " + inv.error();
        }
        var report = inv.result().result().runReport();
        String status = report == null ? "no report" : report.path("status").asText("?");
        return status + " (exit " + inv.result().result().exitCode() + ", " + inv.result().host().profile().label() + ")";
    }

    /** 4 if any host failed, 3 if any is non-compliant or was not started, else 0. */
    static int exitCode(FleetReport report) {
        Map<HostOutcome, Integer> o = report.outcomes();
        if (o.get(HostOutcome.FAILED) > 0) {
            return 4;
        }
        if (o.get(HostOutcome.NON_COMPLIANT) > 0 || o.get(HostOutcome.NOT_STARTED) > 0) {
            return 3;
        }
        return 0;
    }
}
