package io.patchctl.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.core.run.ExitCode;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * "Nothing lost" for reports: a run whose bucket is down (a failing S3 stand-in) spools its report
 * and exits 5; the next run, with S3 back (S3Proxy, real SDK), delivers the spool first, oldest
 * first, with a conditional create, and says so in its own report.
 */
class SpoolDeliveryLabTest {

    static final String BUCKET = "dev-rhel8-patch-logs-123456789012";
    static Lab lab;
    WireMockServer failing;
    S3ProxyServer s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.mixed());
    }

    @BeforeEach
    void start() {
        failing = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        failing.start();
        failing.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>ServiceUnavailable</Code><Message>down for the test</Message></Error>")));
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    @AfterEach
    void stop() {
        for (String p : List.of("aws.endpointUrlS3", "aws.disableEc2Metadata", "aws.accessKeyId", "aws.secretAccessKey")) {
            System.clearProperty(p);
        }
        failing.stop();
        s3.close();
    }

    private LabRun run(LabHost host, String endpoint, String... extra) {
        System.setProperty("aws.endpointUrlS3", endpoint);
        List<String> args = new java.util.ArrayList<>(List.of("--advisor=rules", "--no-compliance", "--no-plan-cache",
                "--report-bucket=" + BUCKET, "--spool-dir=" + tmp.resolve("spool")));
        args.addAll(List.of(extra));
        return LabRun.run(host, LabRun.components(host, null, new io.patchctl.dnf.process.ProcessRunner()),
                args.toArray(new String[0]));
    }

    private List<String> spooled() throws Exception {
        if (!Files.isDirectory(tmp.resolve("spool"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tmp.resolve("spool"))) {
            return files.filter(Files::isRegularFile).map(p -> tmp.resolve("spool").relativize(p).toString()).sorted().toList();
        }
    }

    private List<String> bucketKeys() {
        return s3.client().listObjectsV2(ListObjectsV2Request.builder().bucket(BUCKET).build()).contents().stream()
                .map(o -> o.key()).sorted().toList();
    }

    @Test
    void nextHealthyRun_deliversTheSpoolFirst_andSaysSo() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        LabRun down1 = run(host, failing.baseUrl(), "--scan-only");
        LabRun down2 = run(host, failing.baseUrl(), "--scan-only");
        assertThat(down1.exitCode).as(down1.stderr).isEqualTo(ExitCode.NOT_STORED.code());
        assertThat(down2.exitCode).isEqualTo(ExitCode.NOT_STORED.code());
        List<String> spooled = spooled();
        assertThat(spooled).hasSize(2);
        JsonNode second = json(down2);
        assertThat(second.get("spool").get("remaining").asInt()).as("the failing store kept the first one spooled").isEqualTo(1);
        assertThat(second.get("spool").get("error").asText()).contains("delivery stopped");

        LabRun healthy = run(host, s3.endpoint().toString(), "--scan-only");

        assertThat(healthy.exitCode).as(healthy.stderr).isEqualTo(ExitCode.NON_COMPLIANT.code());
        JsonNode spool = json(healthy).get("spool");
        assertThat(texts(spool.get("delivered"))).as("oldest first").containsExactlyElementsOf(spooled);
        assertThat(spool.get("remaining").asInt()).isZero();
        assertThat(spooled()).isEmpty();
        String own = "bedrock-patch-runs/dev/i-0lab/";
        assertThat(bucketKeys()).hasSize(3).allMatch(k -> k.startsWith(own)).containsAll(spooled);
        // the delivered reports are the spooled bytes: the FAILED-to-store runs' own reports
        String first = s3.client().getObjectAsBytes(GetObjectRequest.builder().bucket(BUCKET).key(spooled.get(0)).build())
                .asString(StandardCharsets.UTF_8);
        assertThat(first).contains(json(down1).get("run_id").asText());
    }

    @Test
    void spooledReportAlreadyInTheBucket_isNotWrittenTwice() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        run(host, failing.baseUrl(), "--scan-only");
        String key = spooled().get(0);
        // an earlier delivery stored it, then died before removing the spool copy
        s3.client().putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), RequestBody.fromString("{\"original\":true}"));

        LabRun healthy = run(host, s3.endpoint().toString(), "--scan-only");

        assertThat(texts(json(healthy).get("spool").get("delivered"))).containsExactly(key);
        assertThat(s3.client().getObjectAsBytes(GetObjectRequest.builder().bucket(BUCKET).key(key).build())
                .asString(StandardCharsets.UTF_8)).isEqualTo("{\"original\":true}");
        assertThat(spooled()).isEmpty();
    }

    @Test
    void spoolEntryOlderThanTheAgeBound_isDroppedAndNamed() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Path old = tmp.resolve("spool/bedrock-patch-runs/dev/i-0lab/20200101T000000Z-deadbeef.json");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "{}");

        LabRun healthy = run(host, s3.endpoint().toString(), "--scan-only");

        JsonNode spool = json(healthy).get("spool");
        assertThat(texts(spool.get("dropped"))).containsExactly("bedrock-patch-runs/dev/i-0lab/20200101T000000Z-deadbeef.json");
        assertThat(spool.get("delivered")).isEmpty();
        assertThat(bucketKeys()).noneMatch(k -> k.contains("20200101"));
    }

    @Test
    void spoolEntriesThatAreNoReports_areDroppedNeverUploaded() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Path dir = Files.createDirectories(tmp.resolve("spool/bedrock-patch-runs/dev/i-0lab"));
        String now = io.patchctl.core.store.ReportKeys.TIMESTAMP.format(java.time.Instant.now());
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "not for the bucket");
        Files.createSymbolicLink(dir.resolve(now + "-symlink0.json"), secret);
        Files.writeString(dir.resolve(now + "-notjson0.json"), "garbage");
        Files.writeString(dir.resolve(now + "-otherjs0.json"), "{\"schema\":\"something-else\"}");

        LabRun healthy = run(host, s3.endpoint().toString(), "--scan-only");

        JsonNode spool = json(healthy).get("spool");
        assertThat(spool.get("dropped")).hasSize(3);
        assertThat(spool.get("delivered")).isEmpty();
        assertThat(bucketKeys()).hasSize(1); // this run's own report only
        assertThat(secret).exists();
    }

    private static JsonNode json(LabRun run) throws Exception {
        return io.patchctl.core.internal.json.Json.mapper().readTree(run.stdout);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
