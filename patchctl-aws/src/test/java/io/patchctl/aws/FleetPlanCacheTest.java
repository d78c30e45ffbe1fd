package io.patchctl.aws;

import io.patchctl.testkit.MutableClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.patchctl.core.plan.ModelAdvisor;
import io.patchctl.core.plan.PlanCacheResult;
import io.patchctl.core.plan.StorePlanCache;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.AdvisorOutcome;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.RulesAdvisor;
import java.time.Clock;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The plan cache over the real SDK: S3Proxy as the shared bucket, WireMock as Bedrock. Hosts with
 * the same update set share one Bedrock call; a different set or an expired entry costs one more.
 */
class FleetPlanCacheTest {

    private static final String BUCKET = "dev-rhel8-patch-logs-123456789012";
    private static final SecurityUpdate OPENSSL = new SecurityUpdate("RHSA-2026:1001", Severity.IMPORTANT,
            List.of("CVE-2026-0001"), "openssl-libs", "x86_64", "1:1.1.1k-9.el8", "1:1.1.1k-12.el8");
    private static final SecurityUpdate CURL = new SecurityUpdate("RHSA-2026:1002", Severity.CRITICAL,
            List.of("CVE-2026-0003"), "curl", "x86_64", "7.61.1-33.el8", "7.61.1-34.el8");
    private static final String PLAN = "{\"install\":[\"openssl-libs\",\"curl\"],\"hold\":[],\"risk\":\"LOW\","
            + "\"reasoning\":\"security fixes\"}";

    private static S3ProxyServer s3;
    private static WireMockServer bedrock;
    private static S3ReportStore store;
    private static BedrockModelClient model;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        store = S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2",
                Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString())), BUCKET);
        bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(30));
        bedrock.start();
        // A model call takes a while: the other hosts really do race for the same plan.
        bedrock.stubFor(post(urlPathMatching("/model/.+/invoke")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(400)
                .withBody(BedrockModelClientTest.anthropic(PLAN, "end_turn", 420, 60))));
        model = BedrockModelClient.builder().settings(AwsClientSettings.builder(AwsClientSettings.Profile.BEDROCK_AGENT).region("us-east-2")
                .endpointOverride(java.net.URI.create(bedrock.baseUrl()))
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .apiCallTimeout(Duration.ofSeconds(20)).apiCallAttemptTimeout(Duration.ofSeconds(10)).build()).build();
    }

    @AfterAll
    static void stop() {
        model.close();
        store.close();
        bedrock.stop();
        s3.close();
    }

    @Test
    void twentyHostsSameUpdates_oneBedrockCall_thenOtherSetAndExpiryEachOneMore() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T15:00:00Z"));
        List<AdvisorOutcome> outcomes = advise(20, List.of(OPENSSL, CURL), clock);

        assertThat(bedrockCalls()).isEqualTo(1);
        assertThat(outcomes).extracting(o -> o.info().planCache()).containsOnlyOnce(PlanCacheResult.MISS)
                .filteredOn(PlanCacheResult.HIT::equals).hasSize(19);
        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.info().kind()).isEqualTo("bedrock");
            assertThat(o.plan().install()).containsExactly("openssl-libs", "curl");
        });
        assertThat(s3Keys()).hasSize(1).allMatch(k -> k.matches("bedrock-plan-cache/dev/[0-9a-f]{64}\\.json"));

        advise(5, List.of(OPENSSL), clock);
        assertThat(bedrockCalls()).isEqualTo(2);

        clock.advance(Duration.ofDays(8));
        List<AdvisorOutcome> afterExpiry = advise(1, List.of(OPENSSL, CURL), clock);
        assertThat(bedrockCalls()).isEqualTo(3);
        assertThat(afterExpiry.get(0).info().planCache()).isEqualTo(PlanCacheResult.MISS);
    }

    private List<AdvisorOutcome> advise(int hosts, List<SecurityUpdate> updates, Clock clock) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(hosts);
        try {
            List<Callable<AdvisorOutcome>> tasks = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                StorePlanCache cache = StorePlanCache.builder().store(store).env("dev").owner("i-host" + i).clock(clock)
                        .pollInterval(Duration.ofMillis(50)).build();
                ModelAdvisor advisor = new ModelAdvisor(model, cache, new RulesAdvisor());
                tasks.add(() -> advisor.advise(updates, PatchPolicy.defaults()));
            }
            List<AdvisorOutcome> outcomes = new ArrayList<>();
            for (Future<AdvisorOutcome> f : pool.invokeAll(tasks)) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int bedrockCalls() {
        return bedrock.countRequestsMatching(postRequestedFor(urlPathMatching("/model/.+/invoke")).build()).getCount();
    }

    private static List<String> s3Keys() {
        return store.list("bedrock-plan-cache/");
    }

}
