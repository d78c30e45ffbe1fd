package io.patchctl.cli;

import io.patchctl.aws.BedrockModels;
import io.patchctl.agent.PatchctlException;
import io.patchctl.agent.ReportStoreOptions;
import io.patchctl.agent.VerboseOption;
import io.patchctl.cli.fleetreport.FleetReportFiles;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.FleetReportLoader;
import io.patchctl.core.fleet.SummaryTable;
import io.patchctl.core.sla.SlaText;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchctl report}: the fleet report of a real cycle, from the reports it stored. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render the fleet report of a patch cycle from the reports it stored.",
            "Writes fleet-report.html and fleet-report.json from the stored RunReports and InsightReports"
                + " (the latest run of each host and the analysis of its failure), with SLA clocks per CVE and host"
                + " over every run of the history window."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:bad option, the report could not be written, or an internal error",
            "2:bad input: an SLA out of range (--sla, --history-days, the policy's sla:) or an unreadable --policy",
            "5:the report store is unavailable (the reports could not be read)"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where the reports are; one store. */
    @ArgGroup(exclusive = true)
    ReportStoreOptions stores = new ReportStoreOptions();

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Only reports under this key prefix of the store, e.g. team-a (default: the whole store).")
    String prefix;

    /** Deprecated since issue 13: the store is --report-dir or --report-bucket (and --prefix), as in every command. */
    @Option(names = "--from", hidden = true, paramLabel = "DIR|s3://BUCKET[/PREFIX]")
    String deprecatedFrom;

    /** Deprecated since issue 13: the SDK's standard AWS_ENDPOINT_URL_S3 names the endpoint. */
    @Option(names = "--s3-endpoint", hidden = true, paramLabel = "URL")
    String deprecatedS3Endpoint;

    @Option(names = "--env", paramLabel = "ENV", description = "Only this environment (default: all).")
    String environment;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Directory for fleet-report.html and fleet-report.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-" + BedrockModels.DEFAULT_REGION + "}",
            description = "Region of the bucket (default: env AWS_REGION, else " + BedrockModels.DEFAULT_REGION + ").")
    String region;

    @Mixin
    VerboseOption verbose = new VerboseOption();

    /** SLA clocks over the stored history (issue 15 §4). */
    @Mixin
    SlaOptions sla = new SlaOptions();

    /** Replaced by tests. */
    Map<String, String> env = System.getenv();

    /** The report's "now", to which open SLA clocks run; replaced by tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        sla.validate();
        ReportStore store = openStore();
        String source = store.describe();
        FleetReport report;
        try {
            report = new FleetReportLoader(store, clock).withSla(sla.targets(), sla.historyWindow()).load(environment, source);
        } catch (StoreUnavailableException e) {
            throw new PatchctlException(ExitCode.NOT_STORED, "cannot read reports from " + source + ": " + e.getMessage(), e);
        }
        if (report.hosts().isEmpty()) {
            stderr.println("patchctl report: no RunReports or InsightReports under " + source
                    + (environment == null ? "" : " for environment " + environment));
        }
        report.problems().forEach(p -> stderr.println("patchctl report: skipped " + p));
        Path html;
        try {
            html = FleetReportFiles.write(report, out);
        } catch (UncheckedIOException e) {
            throw new PatchctlException(ExitCode.USAGE, "cannot write the fleet report to --out " + out + ": " + e.getMessage(), e);
        }
        stdout.print(new SummaryTable().render(report));
        stdout.print(new SlaText().render(report.sla()));
        stdout.println("Fleet report: " + html);
        stdout.flush();
        return ExitCode.COMPLIANT.code();
    }

    private ReportStore openStore() {
        ReportStoreChoice choice = new ReportStoreChoice(spec);
        ReportStoreOptions given = ReportStoreOptions.orNone(stores);
        if (deprecatedS3Endpoint != null) {
            choice.deprecated("--s3-endpoint", "the environment variable AWS_ENDPOINT_URL_S3");
        }
        if (deprecatedFrom != null) {
            choice.deprecated("--from", "--report-dir DIR or --report-bucket NAME [--prefix PREFIX]");
            if (!given.isEmpty() || prefix != null) {
                throw choice.usage("--from and " + (given.isEmpty() ? "--prefix" : given.dir().isPresent() ? "--report-dir" : "--report-bucket")
                        + " both name the reports; give --report-dir or --report-bucket (and --prefix)");
            }
            try {
                return ReportStores.open(deprecatedFrom, deprecatedS3Endpoint, region, env);
            } catch (IllegalArgumentException e) {
                throw choice.usage(e.getMessage());
            }
        }
        if (given.isEmpty()) {
            throw choice.usage("where are the reports? give --report-dir DIR or --report-bucket NAME");
        }
        return choice.open(given, deprecatedS3Endpoint, prefix, region, env);
    }
}
