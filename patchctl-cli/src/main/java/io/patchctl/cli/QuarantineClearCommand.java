package io.patchctl.cli;

import io.patchctl.agent.PatchctlException;
import io.patchctl.agent.VerboseOption;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.plan.RpmNames;
import io.patchctl.core.quarantine.QuarantineStore;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code patchctl quarantine clear --env E (--package P | --all)}: lets the next hosts try the update again. */
@Command(name = "clear", mixinStandardHelpOptions = true,
        description = {"Clear a quarantine, so that the next hosts try the update again.",
            "Deletes the record and every host's evidence. Clearing a package that is not quarantined changes nothing"
                + " and is not an error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:cleared (or nothing to clear)", "1:bad option (neither or both of --package and --all,"
                + " a package name that is no RPM name)", "5:the report store is unavailable"})
final class QuarantineClearCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    QuarantineOptions options = new QuarantineOptions();

    static final class Which {
        @Option(names = "--package", paramLabel = "NAME", description = "Clear this package's quarantine.")
        String packageName;

        @Option(names = "--all", description = "Clear every quarantine of the environment.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Mixin
    VerboseOption verbose = new VerboseOption();

    /** Replaced by tests. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        String environment = options.environment(spec);
        Optional<String> name = Optional.ofNullable(which.packageName).map(String::strip);
        if (name.isPresent()) {
            RpmNames.problem(name.get()).ifPresent(p -> {
                throw new ReportStoreChoice(spec).usage("--package '" + which.packageName + "': " + p);
            });
        }
        QuarantineStore store = options.open(spec, env);
        List<String> cleared;
        try {
            cleared = store.clear(environment, name);
        } catch (StoreUnavailableException e) {
            throw new PatchctlException(ExitCode.NOT_STORED, "cannot clear the quarantine in " + store.describe() + ": "
                    + e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("environment", environment);
        out.put("store", store.describe());
        out.put("cleared", cleared);
        stdout.println(Json.pretty(out));
        stdout.flush();
        if (cleared.isEmpty()) {
            PrintWriter stderr = spec.commandLine().getErr();
            stderr.println("patchctl quarantine: nothing to clear in " + environment
                    + name.map(n -> " for package " + n).orElse(""));
            stderr.flush();
        }
        return ExitCode.COMPLIANT.code();
    }
}
