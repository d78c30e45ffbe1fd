package io.patchctl.cli;

import io.patchctl.agent.ReportStoreOptions;
import io.patchctl.cli.fleetreport.ReportStores;
import io.patchctl.core.fleet.PrefixedReportStore;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Opens the report store an operator command names with {@link ReportStoreOptions}, and folds in
 * the deprecated spellings simulate and report still accept ({@code --bucket}, {@code --from},
 * {@code --s3-endpoint}), each with a one-line warning naming the new spelling.
 */
final class ReportStoreChoice {

    private final CommandSpec spec;
    private final PrintWriter err;

    ReportStoreChoice(CommandSpec spec) {
        this.spec = spec;
        this.err = spec.commandLine().getErr();
    }

    /** Warns once per deprecated option given. */
    void deprecated(String option, String instead) {
        err.println("patchctl: warning: " + option + " is deprecated; use " + instead);
        err.flush();
    }

    /**
     * Combines the new options with a deprecated alias of {@code --report-bucket} (null if not given):
     * giving both, or the alias with {@code --report-dir}, is a usage error as two stores would be.
     */
    ReportStoreOptions withBucketAlias(ReportStoreOptions options, String alias, String aliasValue) {
        ReportStoreOptions given = ReportStoreOptions.orNone(options);
        if (aliasValue == null) {
            return given;
        }
        deprecated(alias, "--report-bucket");
        if (!given.isEmpty()) {
            throw usage(alias + " and " + (given.dir().isPresent() ? "--report-dir" : "--report-bucket")
                    + " name two report stores; give one");
        }
        return new ReportStoreOptions(null, aliasValue);
    }

    /**
     * @param s3Endpoint the deprecated {@code --s3-endpoint}, or null for {@code AWS_ENDPOINT_URL_S3}
     * @param prefix     a key prefix inside the store, or null
     */
    ReportStore open(ReportStoreOptions options, String s3Endpoint, String prefix, String region, Map<String, String> env) {
        ReportStore store;
        try {
            if (options.bucket().isPresent()) {
                store = ReportStores.s3(options.bucket().get(), s3Endpoint, region, env);
            } else {
                Path dir = options.dir().orElseThrow(() -> usage("a report store is required: --report-dir DIR or --report-bucket NAME"));
                if (!Files.isDirectory(dir)) {
                    throw usage("--report-dir '" + dir + "' is not a directory (expected a report directory"
                            + " such as the --report-dir of patchctl simulate)");
                }
                store = new DirectoryReportStore(dir);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return prefix == null || prefix.replace("/", "").isEmpty() ? store : new PrefixedReportStore(store, prefix);
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
