package io.patchctl.cli;

import io.patchctl.agent.ReportStoreOptions;
import io.patchctl.aws.BedrockModels;
import io.patchctl.core.quarantine.QuarantineStore;
import io.patchctl.core.store.ReportKeys;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** What both quarantine subcommands name: the store (as every command spells it) and the environment. */
final class QuarantineOptions {

    @ArgGroup(exclusive = true)
    ReportStoreOptions stores = new ReportStoreOptions();

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "The environment (dev, prod, ...).")
    String environment;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:AWS_REGION:-" + BedrockModels.DEFAULT_REGION + "}",
            description = "Region of the bucket (default: env AWS_REGION, else " + BedrockModels.DEFAULT_REGION + ").")
    String region;

    /** The environment, checked as a key segment (a usage error, exit 1, when it is not one). */
    String environment(CommandSpec spec) {
        try {
            return ReportKeys.segment(environment);
        } catch (IllegalArgumentException e) {
            throw new ReportStoreChoice(spec).usage("--env: " + e.getMessage());
        }
    }

    QuarantineStore open(CommandSpec spec, Map<String, String> env) {
        ReportStoreChoice choice = new ReportStoreChoice(spec);
        ReportStoreOptions given = ReportStoreOptions.orNone(stores);
        if (given.isEmpty()) {
            throw choice.usage("where is the quarantine? give --report-dir DIR or --report-bucket NAME");
        }
        return new QuarantineStore(choice.open(given, null, null, region, env));
    }
}
