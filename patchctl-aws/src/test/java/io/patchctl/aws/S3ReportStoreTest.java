package io.patchctl.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.store.StoreUnavailableException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** S3ReportStore through the real SDK over HTTP against S3Proxy on 127.0.0.1. */
class S3ReportStoreTest {

    private static S3ProxyServer server;
    private static int bucketCounter;
    private S3ReportStore store;

    @BeforeAll
    static void startS3() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() {
        server.close();
    }

    @BeforeEach
    void freshBucket() {
        String bucket = "dev-rhel8-patch-logs-" + (++bucketCounter);
        server.createBucket(bucket);
        store = S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2",
                Map.of("AWS_ENDPOINT_URL_S3", server.endpoint().toString())), bucket);
    }

    @Test
    void put_thenGet_returnsTheBytes() {
        store.put("bedrock-patch-runs/dev/i-1/a.json", utf8("{\"a\":1}"));

        assertThat(store.get("bedrock-patch-runs/dev/i-1/a.json")).map(S3ReportStoreTest::text).contains("{\"a\":1}");
    }

    @Test
    void putIfAbsent_secondWrite_returnsFalseAndKeepsFirst() {
        String key = "bedrock-patch-insights/dev/i-1/20261121T021309Z.json";

        assertThat(store.putIfAbsent(key, utf8("one"))).isTrue();
        assertThat(store.putIfAbsent(key, utf8("two"))).isFalse();

        assertThat(store.get(key)).map(S3ReportStoreTest::text).contains("one");
    }

    @Test
    void get_missingKey_isEmpty() {
        assertThat(store.get("bedrock-patch-runs/dev/i-1/none.json")).isEmpty();
    }

    @Test
    void list_returnsKeysUnderPrefixSorted() {
        store.put("bedrock-patch-runs/dev/i-1/20261121T020000Z.json", utf8("b"));
        store.put("bedrock-patch-runs/dev/i-1/20261120T020000Z.json", utf8("a"));
        store.put("bedrock-patch-runs/dev/i-2/20261121T020000Z.json", utf8("c"));

        assertThat(store.list("bedrock-patch-runs/dev/i-1/")).containsExactly(
                "bedrock-patch-runs/dev/i-1/20261120T020000Z.json",
                "bedrock-patch-runs/dev/i-1/20261121T020000Z.json");
    }

    @Test
    void delete_removesTheObject() {
        store.put("k.json", utf8("x"));
        store.delete("k.json");
        assertThat(store.get("k.json")).isEmpty();
    }

    @Test
    void keyOver1024BytesOfUtf8_failsAsAStoreFailureBeforeAnyRequest_and1024BytesWork() {
        // Segments under 255 bytes: S3Proxy may keep objects as files.
        String atLimit = "bedrock-patch-runs/dev/" + ("x".repeat(199) + "/").repeat(5) + "y";
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(S3ReportStore.MAX_KEY_BYTES);
        String over = "bedrock-patch-runs/dev/" + "\u00e9".repeat(501); // 23 + 1002 bytes

        store.put(atLimit, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(store.get(atLimit)).isPresent();
        assertThatThrownBy(() -> store.putIfAbsent(over, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageEndingWith("the key is 1025 bytes of UTF-8, S3 allows at most 1024");
    }

    @Test
    void describe_namesTheBucket() {
        assertThat(store.describe()).startsWith("s3://dev-rhel8-patch-logs-");
    }

    @Test
    void missingBucket_throwsStoreUnavailableNamingTheKey() {
        S3ReportStore noBucket = S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2",
                Map.of("AWS_ENDPOINT_URL_S3", server.endpoint().toString())), "no-such-bucket");

        assertThatThrownBy(() -> noBucket.putIfAbsent("bedrock-patch-insights/dev/i-1/x.json", utf8("x")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot create s3://no-such-bucket/bedrock-patch-insights/dev/i-1/x.json");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void s3Down_throwsStoreUnavailableWithinTheCallTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AwsClientSettings fast = AwsClientSettings.builder(AwsClientSettings.Profile.STORAGE)
                .apiCallTimeout(Duration.ofSeconds(3)).apiCallAttemptTimeout(Duration.ofSeconds(1)).maxAttempts(2)
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort)).build();
        S3ReportStore down = S3ReportStore.create(fast, "b");

        // the reason, not a wall-clock margin: the SDK's own client error (refused connection, after its
        // retries) became the store's failure, so the caller spools; @Timeout only turns a hang into a failure
        assertThatThrownBy(() -> down.put("bedrock-patch-insights/dev/i-1/x.json", utf8("x")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot write s3://b/bedrock-patch-insights/dev/i-1/x.json")
                .hasCauseInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
    }

    @Test
    void endpointOverride_invalidUrl_isAClearError() {
        assertThatThrownBy(() -> AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2",
                        Map.of("AWS_ENDPOINT_URL_S3", "localhost:9000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_ENDPOINT_URL_S3 'localhost:9000' is not a URL (expected http(s)://host[:port])");
    }

    @Test
    void endpointOverride_serviceSpecificWinsOverGlobal() {
        AwsClientSettings settings = AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2",
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2"));
        assertThat(settings.endpoint(AwsService.S3)).contains(URI.create("http://127.0.0.1:2"));
        assertThat(settings.endpoint(AwsService.SNS)).contains(URI.create("http://127.0.0.1:1"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
