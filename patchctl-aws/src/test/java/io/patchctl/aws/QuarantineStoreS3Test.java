package io.patchctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.quarantine.QuarantineEntry;
import io.patchctl.core.quarantine.QuarantineRecord;
import io.patchctl.core.quarantine.QuarantineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hosts racing to quarantine the same update through the real S3 API (S3Proxy 4.x honours
 * {@code If-None-Match: *}): exactly one record is created, every host's evidence is kept.
 */
class QuarantineStoreS3Test {

    private static final String BUCKET = "dev-rhel8-patch-logs-123456789012";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void record_twelveHostsRacingOnS3_exactlyOneCreatesAndNoEvidenceIsLost() throws Exception {
        int hosts = 12;
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            s3.createBucket(BUCKET);
            ExecutorService pool = Executors.newFixedThreadPool(hosts);
            CountDownLatch start = new CountDownLatch(1);
            List<S3ReportStore> clients = new ArrayList<>();
            try {
                List<Future<QuarantineStore.RecordOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < hosts; i++) {
                    S3ReportStore client = store(s3); // one client per host, as on a fleet
                    clients.add(client);
                    String instance = String.format("i-0%016x", i);
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return new QuarantineStore(client).record(failure(instance), T0);
                    }));
                }
                start.countDown();
                List<QuarantineStore.RecordOutcome> results = new ArrayList<>();
                for (Future<QuarantineStore.RecordOutcome> f : outcomes) {
                    results.add(f.get(60, TimeUnit.SECONDS));
                }

                assertThat(results).filteredOn(o -> o == QuarantineStore.RecordOutcome.CREATED).hasSize(1);
                assertThat(results).filteredOn(o -> o == QuarantineStore.RecordOutcome.JOINED).hasSize(hosts - 1);
                QuarantineEntry entry = new QuarantineStore(clients.get(0)).read("dev", T0).active().get(0);
                assertThat(entry.failedOn()).hasSize(hosts).doesNotHaveDuplicates();
                assertThat(clients.get(0).list("bedrock-patch-quarantine/dev/")).hasSize(hosts + 1);
            } finally {
                pool.shutdownNow();
                clients.forEach(S3ReportStore::close);
            }
        }
    }

    private static S3ReportStore store(S3ProxyServer s3) {
        return S3ReportStore.create(AwsClientSettings.of(AwsClientSettings.Profile.STORAGE, "us-east-2",
                Map.of("AWS_ENDPOINT_URL_S3", s3.endpoint().toString())), BUCKET);
    }

    private static QuarantineRecord failure(String instance) {
        return new QuarantineRecord(null, "dev", "tzdata-broken", "2026a-1.el8", "tzdata-broken-2026a-1.el8.noarch",
                "SCRIPTLET", null, "Error in PREIN scriptlet in rpm package tzdata-broken", instance, "run-" + instance,
                T0, T0.plus(Duration.ofHours(24)));
    }
}
