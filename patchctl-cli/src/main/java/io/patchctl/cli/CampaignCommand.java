package io.patchctl.cli;

import io.patchctl.agent.PatchctlException;
import io.patchctl.agent.VerboseOption;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.BedrockModels;
import io.patchctl.aws.SsmFleetCommands;
import io.patchctl.aws.SsmRateControls;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.campaign.CampaignSelection;
import io.patchctl.core.campaign.fleet.CampaignLaunch;
import io.patchctl.core.campaign.fleet.CampaignResults;
import io.patchctl.core.campaign.fleet.CampaignRunner;
import io.patchctl.core.campaign.fleet.CampaignTable;
import io.patchctl.core.campaign.fleet.FleetCommandException;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.SingleFlight;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code patchctl campaign}: patch the listed CVEs/advisories on an environment's hosts now. Sends the
 * environment's Run Command document with the campaign's parameters to the hosts tagged
 * {@code PatchGroup=rhel8-{env}} under SSM's rate controls, waits, and prints each host's result from
 * the RunReport it stored.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = {"Patch the listed CVEs/advisories on an environment's hosts now, through SSM Run Command.",
            "Sends {env}-bedrock-rhel8-patch to the hosts tagged PatchGroup=rhel8-{env} with the cves/advisories parameters,",
            "then prints per host and per id: fixed, not-applicable, held-by-policy (with the reason), pending, failed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every host fixed every id, or none applied", "1:bad option (an invalid id, no id, rate controls),"
                + " an unknown environment or no host in it, or the command could not be sent",
            "3:some id held by policy or pending on some host, or the wait timed out", "4:some host failed",
            "5:the report store could not be read"})
public final class CampaignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ENV",
            description = "The environment: document ENV-bedrock-rhel8-patch, hosts tagged PatchGroup=rhel8-ENV.")
    String environment;

    @Option(names = "--cve", paramLabel = "CVE-YYYY-NNNN", description = "A CVE to fix; repeatable.")
    List<String> cves = new ArrayList<>();

    @Option(names = "--advisory", paramLabel = "ID", description = "An advisory to apply (RHSA-2026:1234, RLSA-, ALSA-, ELSA-, ALAS2023-, FEDORA-…); repeatable.")
    List<String> advisories = new ArrayList<>();

    @Option(names = "--max-concurrency", defaultValue = "10%", paramLabel = "N|N%",
            description = "Run Command MaxConcurrency: hosts patched at once (default: ${DEFAULT-VALUE}).")
    String maxConcurrency;

    @Option(names = "--max-errors", defaultValue = "1", paramLabel = "N|N%",
            description = "Run Command MaxErrors: after this many failed hosts no more are started (default: ${DEFAULT-VALUE}).")
    String maxErrors;

    @Option(names = "--wait-timeout", defaultValue = "3600", paramLabel = "SECONDS",
            description = "How long to wait for the hosts; then the hosts still running count as pending (default: ${DEFAULT-VALUE}).")
    long waitTimeoutSeconds;

    @Option(names = "--poll-interval", defaultValue = "15", paramLabel = "SECONDS",
            description = "Seconds between status polls (default: ${DEFAULT-VALUE}).")
    long pollSeconds;

    @Option(names = "--report-bucket", required = true, paramLabel = "NAME",
            description = "The log bucket ({env}-rhel8-patch-logs-{account}): Run Command output goes there, the RunReports are read from it.")
    String bucket;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-" + BedrockModels.DEFAULT_REGION + "}",
            description = "Region of SSM and the bucket (default: env AWS_REGION, else " + BedrockModels.DEFAULT_REGION + ").")
    String region;

    @Mixin
    VerboseOption verbose = new VerboseOption();

    /** Replaced by tests: endpoints (AWS_ENDPOINT_URL_SSM, AWS_ENDPOINT_URL_S3) for the SDK. */
    Map<String, String> env = System.getenv();
    /** Replaced by tests: the wait between polls. */
    SingleFlight.Sleeper sleeper = SingleFlight.Sleeper.SYSTEM;
    /** Replaced by tests. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        CampaignLaunch launch = launch(spec, environment, cves, advisories, maxConcurrency, maxErrors);
        if (waitTimeoutSeconds < 0 || pollSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--wait-timeout must be >= 0 and --poll-interval > 0 seconds");
        }
        PrintWriter err = spec.commandLine().getErr();
        ReportStore store;
        try {
            store = ReportStores.s3(bucket, null, region, env);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--report-bucket: " + e.getMessage());
        }
        CampaignResults results;
        try (SsmFleetCommands ssm = SsmFleetCommands.create(
                AwsClientSettings.of(AwsClientSettings.Profile.FLEET_COMMANDS, region, env), bucket)) {
            results = new CampaignRunner(ssm, store, clock, sleeper, Duration.ofSeconds(pollSeconds),
                    Duration.ofSeconds(waitTimeoutSeconds), line -> {
                        err.println("patchctl campaign: " + line);
                        err.flush();
                    }).run(launch);
        } catch (FleetCommandException e) {
            throw new PatchctlException(ExitCode.USAGE, e.getMessage(), e);
        } catch (StoreUnavailableException e) {
            throw new PatchctlException(ExitCode.NOT_STORED, "cannot read the RunReports from s3://" + bucket + ": "
                    + e.getMessage(), e);
        }
        return print(spec, results);
    }

    /**
     * The launch from the options, every value checked before anything is sent: ids (exit 1 naming the
     * id), at least one id, the environment as a key segment, the rate controls as the API accepts them.
     */
    static CampaignLaunch launch(CommandSpec spec, String environment, List<String> cves, List<String> advisories,
                                 String maxConcurrency, String maxErrors) {
        try {
            CampaignSelection selection = new CampaignSelection(cves, advisories);
            if (!selection.active()) {
                throw new IllegalArgumentException("nothing to patch: give at least one --cve or --advisory");
            }
            SsmRateControls.maxConcurrency(maxConcurrency);
            SsmRateControls.maxErrors(maxErrors);
            return new CampaignLaunch(environment, selection, maxConcurrency, maxErrors);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Prints the table on stdout; no host at all is an error (an environment without tagged hosts). */
    static int print(CommandSpec spec, CampaignResults results) {
        if (results.hosts().isEmpty() && !results.timedOut()) {
            throw new PatchctlException(ExitCode.USAGE, "no host is tagged PatchGroup=rhel8-" + results.environment()
                    + " (command " + results.commandId() + " had no targets): is --env right?");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(CampaignTable.render(results));
        out.flush();
        return results.exitCode().code();
    }
}
