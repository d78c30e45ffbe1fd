package io.patchctl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.agent.PatchctlException;
import io.patchctl.agent.ReportStoreOptions;
import io.patchctl.agent.VerboseOption;
import io.patchctl.aws.BedrockModels;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.rollout.NoSuccessfulRunException;
import io.patchctl.core.rollout.Promotion;
import io.patchctl.core.rollout.PromotionRequest;
import io.patchctl.core.rollout.PromotionResult;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code patchctl promote --from staging --to prod}: writes the next version of ring {@code to}'s
 * approval from what ring {@code from} installed successfully at least {@code --soak-days} ago. It is
 * idempotent (nothing new soaked: nothing written, exit 0), so automatic promotion is this command
 * on a schedule before the next ring's window; an urgent override is explicit and recorded.
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Approve for ring --to the builds ring --from installed successfully at least --soak-days ago.",
            "Prints the result JSON (written | up_to_date | not_soaked) with the approval on stdout."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:approval written, already up to date, or nothing soaked yet",
            "1:bad option, or ring --from has no successful run recorded (nothing to promote)",
            "5:the report store is unavailable"})
public final class PromoteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "RING", description = "The ring whose successes are promoted.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "RING", description = "The ring whose approval is written.")
    String to;

    @Option(names = "--soak-days", defaultValue = "7", paramLabel = "N",
            description = "Days a build must have run in ring --from before it is approved (default: ${DEFAULT-VALUE}).")
    int soakDays;

    @Option(names = "--urgent-cve", paramLabel = "CVE-YYYY-NNNN",
            description = "Urgent override: approve builds fixing this CVE before their soak ends (repeatable; needs --reason).")
    List<String> urgentCves = new ArrayList<>();

    @Option(names = "--urgent-critical",
            description = "Urgent override: approve builds of Critical advisories before their soak ends (needs --reason).")
    boolean urgentCritical;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the urgent override; recorded in the approval.")
    String reason;

    @Option(names = "--by", paramLabel = "WHO", defaultValue = "${env:USER:-unknown}",
            description = "Who promotes; recorded in the approval (default: env USER).")
    String by;

    @ArgGroup(exclusive = true)
    ReportStoreOptions stores = new ReportStoreOptions();

    /** Each environment has its own bucket: ring --to's agents read their approval from theirs. */
    @ArgGroup(exclusive = true)
    ToStore toStore;

    static final class ToStore {
        @Option(names = "--to-report-dir", paramLabel = "DIR",
                description = "Report store of ring --to, where the approval is written (default: the --report-dir/--report-bucket of ring --from).")
        java.nio.file.Path dir;

        @Option(names = "--to-report-bucket", paramLabel = "NAME",
                description = "S3 bucket of ring --to, where the approval is written (default: the store of ring --from).")
        String bucket;
    }

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-" + BedrockModels.DEFAULT_REGION + "}",
            description = "Region of the bucket (default: env AWS_REGION, else " + BedrockModels.DEFAULT_REGION + ").")
    String region;

    @Mixin
    VerboseOption verbose = new VerboseOption();

    /** Replaced by tests. */
    Map<String, String> env = System.getenv();

    private final Clock clock;

    public PromoteCommand() {
        this(Clock.systemUTC());
    }

    /** @param clock decides which successes have soaked (tests pass a clock they move) */
    public PromoteCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PromotionRequest request;
        try {
            request = new PromotionRequest(from, to, soakDays, urgentCves, urgentCritical, by, reason);
        } catch (IllegalArgumentException e) {
            throw new PatchctlException(ExitCode.USAGE, e.getMessage(), e);
        }
        ReportStoreOptions given = ReportStoreOptions.orNone(stores);
        ReportStoreChoice choice = new ReportStoreChoice(spec);
        if (given.isEmpty()) {
            throw choice.usage("where are the rings? give --report-dir DIR or --report-bucket NAME");
        }
        ReportStore fromStore = choice.open(given, null, null, region, env);
        ReportStore store = toStore == null ? fromStore
                : choice.open(new ReportStoreOptions(toStore.dir, toStore.bucket), null, null, region, env);
        PromotionResult result;
        try {
            result = new Promotion(fromStore, store, clock).promote(request);
        } catch (NoSuccessfulRunException | IllegalArgumentException | IllegalStateException e) {
            throw new PatchctlException(ExitCode.USAGE, e.getMessage(), e);
        } catch (StoreUnavailableException e) {
            throw new PatchctlException(ExitCode.NOT_STORED, "cannot promote in " + store.describe() + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode json = Json.mapper().createObjectNode();
        if (result instanceof PromotionResult.Written w) {
            json.put("result", "written").put("key", w.key()).put("added", w.added());
            json.set("approval", Json.mapper().valueToTree(w.approval()));
            err.printf("patchctl promote: %s -> %s approval v%d written (%d build(s), %d new) at %s/%s%n", from, to,
                    w.approval().version(), w.approval().packages().size(), w.added(), store.describe(), w.key());
        } else if (result instanceof PromotionResult.UpToDate u) {
            json.put("result", "up_to_date");
            json.set("approval", Json.mapper().valueToTree(u.approval()));
            err.printf("patchctl promote: %s -> %s up to date: approval v%d already holds every soaked build%n", from, to,
                    u.approval().version());
        } else if (result instanceof PromotionResult.NotSoaked n) {
            json.put("result", "not_soaked").put("pending_builds", n.pendingBuilds())
                    .put("earliest", String.valueOf(n.earliest()));
            err.printf("patchctl promote: %s -> %s nothing soaked yet (%d build(s) pending; first eligible at %s)%n",
                    from, to, n.pendingBuilds(), n.earliest());
        }
        out.println(Json.pretty(json));
        out.flush();
        err.flush();
        return ExitCode.COMPLIANT.code();
    }
}
