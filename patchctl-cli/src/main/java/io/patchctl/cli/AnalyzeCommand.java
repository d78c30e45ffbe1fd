package io.patchctl.cli;

import io.patchctl.agent.AdvisorKind;
import io.patchctl.agent.BadInputException;
import io.patchctl.agent.PatchctlException;
import io.patchctl.agent.ReportStoreOptions;
import io.patchctl.agent.VerboseOption;
import io.patchctl.agent.ModelOptions;
import io.patchctl.core.internal.io.FileTrees;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.StoreUnavailableException;
import io.patchctl.core.insights.InsightService;
import io.patchctl.aws.insights.InsightsConfig;
import io.patchctl.aws.insights.InsightsRuntime;
import io.patchctl.core.insights.InsightResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code patchctl analyze}: the failure-insights Lambda's work on one event, run locally. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Explain why a host failed to patch, as the failure-insights Lambda does, for one event.",
                "Reads one EventBridge event, gathers the host's RunReport and Run Command output from the report store,",
                "analyses (Bedrock or rules), and stores and prints the InsightReport.",
                "Exit codes: 0 report printed (or event skipped), 1 usage/config (or an internal error), 2 malformed event or unreadable file,",
                "5 the report store is unavailable."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--event", required = true, paramLabel = "FILE|-", description = "The event JSON file, or - for stdin.")
    String event;

    @Option(names = "--advisor", defaultValue = "bedrock", paramLabel = "bedrock|rules", converter = AdvisorKind.Converter.class,
            description = "Who analyses: bedrock (falls back to rules, with the reason in the report) or rules (default: ${DEFAULT-VALUE}).")
    AdvisorKind advisor;

    /** One store: the host context is read from it and the InsightReport kept in it. */
    @ArgGroup(exclusive = true)
    ReportStoreOptions stores = new ReportStoreOptions();

    @Option(names = "--env", defaultValue = "dev", description = "Environment name in report keys (default: ${DEFAULT-VALUE}).")
    String environment;



    @Option(names = "--escalation-topic-arn", paramLabel = "ARN", description = "Publish escalated failures to this SNS topic.")
    String escalationTopicArn;

    @Option(names = "--signature-ttl", defaultValue = "PT6H", paramLabel = "DURATION",
            description = "How long one analysis is shared by hosts failing the same way; PT0S disables (default: ${DEFAULT-VALUE}).")
    String signatureTtl;

    @Mixin
    VerboseOption verbose = new VerboseOption();

    /** Replaced by tests. */
    InputStream stdin = System.in;
    Map<String, String> env = System.getenv();
    /** Replaced by tests: event times are judged against it (EventNormalizer's window of now). */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String text = readEvent();
        Path tempDir = null;
        ReportStoreOptions store = ReportStoreOptions.orNone(stores);
        Path reportDir = store.dir().orElse(null);
        if (store.isEmpty()) {
            // Nothing to read context from or keep the report in: analyse in a scratch store, print only.
            tempDir = Files.createTempDirectory("patchctl-analyze-");
            reportDir = tempDir;
            err.println("patchctl: no --report-dir or --report-bucket: no host context; the report is printed only");
        }
        try {
            InsightsConfig config = config(reportDir, store.bucket().orElse(null));
            InsightService service = InsightsRuntime.create(config, env, clock);
            InsightResult result = service.process(text);
            switch (result.status()) {
                case REJECTED ->
                    // one line: log shippers and the SSM output tail read stderr line by line
                    throw new BadInputException(("malformed event: " + result.reason()
                            + (tempDir == null ? " (raw event kept at " + result.keys().get(0) + ")" : ""))
                            .replaceAll("\\R", " "));
                case SKIPPED -> {
                    err.println("patchctl: not a patch failure, nothing to analyse: " + result.reason());
                    out.println("{\"status\":\"SKIPPED\",\"reason\":" + io.patchctl.core.internal.json.Json.mapper().writeValueAsString(result.reason()) + "}");
                    return ExitCode.COMPLIANT.code();
                }
                default -> {
                    result.reports().forEach(out::println);
                    err.println(tempDir == null
                            ? "patchctl: " + result.status().name().toLowerCase(java.util.Locale.ROOT) + " " + String.join(", ", result.keys())
                            : "patchctl: analysed; not stored (no report store given)");
                    return ExitCode.COMPLIANT.code();
                }
            }
        } catch (StoreUnavailableException e) {
            throw new PatchctlException(ExitCode.NOT_STORED, "report store unavailable, nothing analysed: " + e.getMessage(), e);
        } finally {
            if (tempDir != null) {
                FileTrees.deleteQuietly(tempDir); // a leftover scratch directory under /tmp is harmless
            }
        }
    }

    private InsightsConfig config(Path reportDir, String reportBucket) {
        Duration ttl;
        try {
            ttl = InsightsConfig.ttl(signatureTtl);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--signature-ttl must be an ISO-8601 duration (PT6H) or seconds, was '" + signatureTtl + "'");
        }
        try {
            return new InsightsConfig(environment, model.region(), reportBucket,
                    reportBucket == null ? reportDir : null, model.modelId(), advisor.id(), escalationTopicArn, ttl,
                    io.patchctl.core.insights.LogTail.DEFAULT_MAX_BYTES);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace("analyst", "--advisor"));
        }
    }

    private String readEvent() {
        try {
            byte[] bytes = "-".equals(event) ? stdin.readAllBytes() : Files.readAllBytes(Path.of(event));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read event " + ("-".equals(event) ? "from stdin" : "file '" + event + "'")
                    + ": " + e.getMessage(), e);
        }
    }

}
