package io.patchctl.agent;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The report store, spelled the same in every command: {@code --report-dir DIR} (the bucket's key
 * layout in a directory) or {@code --report-bucket NAME} (S3; endpoint from the SDK's standard
 * {@code AWS_ENDPOINT_URL_S3}). Used as an {@code @ArgGroup}: {@code exclusive = true} where the
 * command reads or writes one store (analyze, simulate, report), {@code exclusive = false} where
 * both may be given (run writes its report to each).
 */
public final class ReportStoreOptions {

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Report store directory: reports under DIR/bedrock-patch-runs/... as in the bucket.")
    Path dir;

    @Option(names = "--report-bucket", paramLabel = "NAME",
            description = "Report store S3 bucket (endpoint: env AWS_ENDPOINT_URL_S3, else AWS).")
    String bucket;

    public ReportStoreOptions() {
    }

    /** For code that builds the choice itself (tests, deprecated spellings). */
    public ReportStoreOptions(Path dir, String bucket) {
        this.dir = dir;
        this.bucket = bucket;
    }

    /** picocli leaves an unmatched group's field null: this is the "no store given" value then. */
    public static ReportStoreOptions orNone(ReportStoreOptions options) {
        return options == null ? new ReportStoreOptions() : options;
    }

    public Optional<Path> dir() {
        return Optional.ofNullable(dir);
    }

    public Optional<String> bucket() {
        return Optional.ofNullable(bucket);
    }

    public boolean isEmpty() {
        return dir == null && bucket == null;
    }
}
