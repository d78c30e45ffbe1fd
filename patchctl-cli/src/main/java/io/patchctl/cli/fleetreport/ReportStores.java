package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.PrefixedReportStore;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.aws.AwsEndpoints;
import io.patchctl.aws.AwsService;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens the report store a command names: a directory, or an S3 bucket (AWS, MinIO, S3Proxy, …). */
public final class ReportStores {

    private static final Pattern S3_URL = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private ReportStores() {
    }

    /**
     * @param from       a directory, or {@code s3://bucket[/prefix]}
     * @param s3Endpoint an S3 API endpoint (http://127.0.0.1:9000), or null for the SDK's standard settings
     * @param region     the bucket's region
     * @param env        the process environment (credentials, AWS_ENDPOINT_URL_S3)
     * @throws IllegalArgumentException naming the bad value and the expected form
     */
    public static ReportStore open(String from, String s3Endpoint, String region, Map<String, String> env) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("--from must name a directory or s3://bucket[/prefix]");
        }
        if (from.startsWith("s3://")) {
            Matcher m = S3_URL.matcher(from);
            if (!m.matches()) {
                throw new IllegalArgumentException("--from '" + from
                        + "' is not a valid S3 location (expected s3://bucket[/prefix], bucket in lower case)");
            }
            ReportStore s3 = s3(m.group(1), s3Endpoint, region, env);
            String prefix = m.group(2) == null ? "" : m.group(2);
            return prefix.replace("/", "").isEmpty() ? s3 : new PrefixedReportStore(s3, prefix);
        }
        Path dir = Path.of(from);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--from '" + from + "' is not a directory (expected a report directory"
                    + " such as the --out of patchctl simulate, or s3://bucket[/prefix])");
        }
        return new DirectoryReportStore(dir);
    }

    /** An S3 bucket; with an endpoint, path-style addressing as S3Proxy and MinIO need. */
    public static S3ReportStore s3(String bucket, String s3Endpoint, String region, Map<String, String> env) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket '" + bucket
                    + "' is not a valid S3 bucket name (3-63 characters: a-z 0-9 . -)");
        }
        AwsClientSettings settings = AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, region, env);
        if (s3Endpoint != null && !s3Endpoint.isBlank()) {
            settings = settings.toBuilder()
                    .endpoints(Map.of(AwsService.S3, AwsEndpoints.parse("--s3-endpoint", s3Endpoint))).build();
        }
        return S3ReportStore.create(settings, bucket);
    }
}
