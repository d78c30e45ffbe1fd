package io.patchctl.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryReportStoreTest {

    @TempDir
    Path dir;

    @Test
    void putIfAbsent_secondWrite_keepsFirst() {
        DirectoryReportStore store = new DirectoryReportStore(dir);
        String key = ReportKeys.insightReport("prod", "i-0abc", Instant.parse("2026-11-21T02:13:09Z"), null);

        assertThat(store.putIfAbsent(key, "one".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(store.putIfAbsent(key, "two".getBytes(StandardCharsets.UTF_8))).isFalse();

        assertThat(new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(store.list("bedrock-patch-insights/prod/")).containsExactly(
                "bedrock-patch-insights/prod/i-0abc/20261121T021309Z.json");
    }

    @Test
    void get_missingKey_isEmpty() {
        assertThat(new DirectoryReportStore(dir).get("bedrock-patch-runs/x/y.json")).isEmpty();
    }

    @Test
    void key_climbingOutOfTheDirectory_isRejected() {
        DirectoryReportStore store = new DirectoryReportStore(dir);
        assertThatThrownBy(() -> store.put("../escape.json", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("escapes the report directory");
    }

    @Test
    void segment_withSlashOrDots_isRejected() {
        assertThatThrownBy(() -> ReportKeys.segment("i-1/../../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a safe report key segment");
        assertThatThrownBy(() -> ReportKeys.segment(".."))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
