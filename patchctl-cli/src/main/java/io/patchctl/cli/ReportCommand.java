package io.patchctl.cli;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.cli.fleetreport.FleetReportFiles;
import io.patchctl.core.fleet.FleetReportLoader;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.fleet.SummaryTable;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchctl report}: the fleet report of a real cycle, from the reports it stored. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render fleet-report.html and fleet-report.json from stored RunReports and InsightReports",
            "(the latest run of each host and the analysis of its failure)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:report written", "1:bad option, or the reports could not be read"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR|s3://BUCKET[/PREFIX]",
            description = "Where the reports are: a report directory (e.g. the --out of simulate) or an S3 location.")
    String from;

    @Option(names = "--env", paramLabel = "ENV", description = "Only this environment (default: all).")
    String environment;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Directory for fleet-report.html and fleet-report.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--s3-endpoint", paramLabel = "URL",
            description = "S3 API endpoint for s3:// sources (MinIO, S3Proxy); default: AWS_ENDPOINT_URL_S3 or AWS.")
    String s3Endpoint;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-us-east-2}",
            description = "Region of the bucket (default: $AWS_REGION or us-east-2).")
    String region;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        FleetReport report;
        try {
            ReportStore store = ReportStores.open(from, s3Endpoint, region, System.getenv());
            report = new FleetReportLoader(store, Clock.systemUTC()).load(environment, store.describe());
        } catch (IllegalArgumentException e) {
            stderr.println("patchctl report: " + e.getMessage());
            return 1;
        } catch (StoreUnavailableException e) {
            stderr.println("patchctl report: cannot read reports from " + from + ": " + e.getMessage());
            return 1;
        }
        if (report.hosts().isEmpty()) {
            stderr.println("patchctl report: no RunReports or InsightReports under " + from
                    + (environment == null ? "" : " for environment " + environment));
        }
        report.problems().forEach(p -> stderr.println("patchctl report: skipped " + p));
        Path html;
        try {
            html = FleetReportFiles.write(report, out);
        } catch (UncheckedIOException e) {
            stderr.println("patchctl report: " + e.getMessage());
            return 1;
        }
        stdout.print(new SummaryTable().render(report));
        stdout.println("Fleet report: " + html);
        stdout.flush();
        return 0;
    }
}
