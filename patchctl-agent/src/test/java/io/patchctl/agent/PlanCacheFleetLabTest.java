package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.aws.S3ReportStore;
import io.patchctl.aws.AwsClientSettings;
import io.patchctl.core.internal.json.Json;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty lab hosts with the same pending updates, patched in parallel through {@code patchctl run}
 * and real dnf, one S3Proxy bucket and one Bedrock stand-in: one Bedrock call for the fleet. A host
 * with another update set costs a second call; an expired entry a third.
 */
class PlanCacheFleetLabTest {

    private static final String BUCKET = "dev-rhel8-patch-logs-123456789012";

    static Lab lab;
    static BedrockLabFixture aws;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        lab = Lab.build(StandardLabs.mixed());
        aws = new BedrockLabFixture();
        aws.s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    @Test
    void fleetOfTwenty_oneBedrockCall_otherSetAndExpiredEntryOneMoreEach() throws Exception {
        // the model plans all but sudo, which it holds: a recognisable plan, shared by every host
        aws.answerText("{\"install\":[\"openssl-libs\",\"curl\",\"zlib\",\"libxml2\"],\"hold\":[{\"package\":\"sudo\","
                + "\"reason\":\"change freeze on sudo\"}],\"risk\":\"LOW\",\"reasoning\":\"fleet plan\"}");
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hosts.add(lab.newHost(tmp.resolve("h" + i), HostSpec.allBase()));
        }

        List<JsonNode> reports = runAll(hosts);

        assertThat(aws.bedrockCalls()).isEqualTo(1);
        assertThat(reports).extracting(r -> r.at("/advisor/plan_cache").asText()).containsOnlyOnce("miss")
                .filteredOn("hit"::equals).hasSize(19);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.at("/advisor/kind").asText()).isEqualTo("bedrock");
            assertThat(r.at("/exit_code").asInt()).isEqualTo(3); // sudo held by the model: allowed update remains
            assertThat(r.at("/plan/reasoning").asText()).isEqualTo("fleet plan");
        });
        for (LabHost h : hosts) {
            Map<String, List<String>> installed = h.installed();
            assertThat(installed.get("openssl-libs")).containsExactly("1:1.1.1k-12.el8.x86_64");
            assertThat(installed.get("sudo")).containsExactly("1.9.5p2-1.el8.x86_64");
        }
        try (S3ReportStore store = store()) {
            assertThat(store.list("bedrock-plan-cache/dev/")).hasSize(1);
            assertThat(store.list("bedrock-patch-runs/dev/")).hasSize(20);
        }

        LabHost other = lab.newHost(tmp.resolve("other"), HostSpec.allBase().without("curl"));
        assertThat(runAll(List.of(other)).get(0).at("/advisor/plan_cache").asText()).isEqualTo("miss");
        assertThat(aws.bedrockCalls()).isEqualTo(2);

        expireAllPlans(Duration.ofDays(8));
        LabHost late = lab.newHost(tmp.resolve("late"), HostSpec.allBase());
        assertThat(runAll(List.of(late)).get(0).at("/advisor/plan_cache").asText()).isEqualTo("miss");
        assertThat(aws.bedrockCalls()).isEqualTo(3);
    }

    private static List<JsonNode> runAll(List<LabHost> hosts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(hosts.size());
        try {
            List<Callable<JsonNode>> tasks = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                LabHost h = hosts.get(i);
                String instance = String.format("i-0fleet%010d", i);
                tasks.add(() -> BedrockLabFixture.report(BedrockLabFixture.runAs(h, instance,
                        "--report-bucket=" + BUCKET, "--no-compliance")));
            }
            List<JsonNode> reports = new ArrayList<>();
            for (Future<JsonNode> f : pool.invokeAll(tasks)) {
                reports.add(f.get());
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Ages every cached plan, as if it had been written {@code age} ago. */
    private static void expireAllPlans(Duration age) throws Exception {
        try (S3ReportStore store = store()) {
            for (String key : store.list("bedrock-plan-cache/dev/")) {
                ObjectNode entry = (ObjectNode) Json.mapper().readTree(store.get(key).orElseThrow());
                entry.put("created_at", Instant.parse(entry.get("created_at").asText()).minus(age).toString());
                store.put(key, Json.mapper().writeValueAsString(entry).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static S3ReportStore store() {
        return S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2",
                Map.of("AWS_ENDPOINT_URL_S3", aws.s3.endpoint().toString())), BUCKET);
    }
}
