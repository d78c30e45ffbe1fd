package io.patchctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.agent.PatchctlException;
import io.patchctl.agent.VerboseOption;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.quarantine.QuarantineEntry;
import io.patchctl.core.quarantine.QuarantineStore;
import io.patchctl.core.quarantine.QuarantineView;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code patchctl quarantine list --env E}: the environment's quarantine as JSON on stdout. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the environment's quarantined updates as JSON on stdout.",
            "Active ones (held by later hosts), expired ones (ignored), and records that could not be read."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed (also when nothing is quarantined)", "1:bad option",
            "5:the report store is unavailable"})
final class QuarantineListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    QuarantineOptions options = new QuarantineOptions();

    @Mixin
    VerboseOption verbose = new VerboseOption();

    /** Replaced by tests. */
    Map<String, String> env = System.getenv();
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        String environment = options.environment(spec);
        QuarantineStore store = options.open(spec, env);
        QuarantineView view;
        try {
            view = store.read(environment, clock.instant());
        } catch (StoreUnavailableException e) {
            throw new PatchctlException(ExitCode.NOT_STORED, "cannot read the quarantine from " + store.describe() + ": "
                    + e.getMessage(), e);
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("environment", environment);
        out.put("store", store.describe());
        out.put("listed_at", clock.instant().toString());
        out.set("active", entries(view.active()));
        out.set("expired", entries(view.expired()));
        out.set("unreadable", Json.mapper().valueToTree(view.unreadable()));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(Json.pretty(out));
        stdout.flush();
        PrintWriter stderr = spec.commandLine().getErr();
        stderr.printf("patchctl quarantine: %d active, %d expired in %s%n", view.active().size(), view.expired().size(),
                environment);
        view.unreadable().forEach(k -> stderr.println("patchctl quarantine: skipped unreadable record " + k));
        stderr.flush();
        return ExitCode.COMPLIANT.code();
    }

    private static ArrayNode entries(List<QuarantineEntry> entries) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (QuarantineEntry e : entries) {
            ObjectNode n = Json.mapper().valueToTree(e.record());
            n.set("failed_on", Json.mapper().valueToTree(e.failedOn()));
            n.put("reason", e.record().reason());
            array.add(n);
        }
        return array;
    }
}
