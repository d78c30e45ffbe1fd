package io.patchctl.core.reboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebootMarkerFileTest {

    @TempDir
    Path dir;

    static RebootMarker marker(String instance) {
        return new RebootMarker(RebootMarker.SCHEMA, "run-1", Instant.parse("2026-12-01T10:00:00Z"), "dev", instance, "/",
                "4.18.0-553.2.el8", "4.18.0-553.1.el8.x86_64", List.of("4.18.0-553.2.el8", "4.18.0-553.1.el8"), List.of());
    }

    @Test
    void writeThenRead_returnsTheMarker() {
        RebootMarkerFile file = new RebootMarkerFile(dir);
        file.write(marker("i-1"));

        assertThat(file.read("i-1", "/").marker()).contains(marker("i-1"));
    }

    @Test
    void read_noFile_isNotPresent() {
        assertThat(new RebootMarkerFile(dir).read("i-1", "/").present()).isFalse();
    }

    @Test
    void read_corruptFile_namesTheProblem_andLeavesTheFileAsItWas() throws Exception {
        Path f = dir.resolve(RebootMarkerFile.FILE_NAME);
        Files.writeString(f, "{\"schema\":\"patchctl.reboot-marker/v1\",\"run_id\":");

        RebootMarkerFile.Read read = new RebootMarkerFile(dir).read("i-1", "/");

        assertThat(read.marker()).isEmpty();
        assertThat(read.problem()).startsWith("is not valid JSON");
        assertThat(Files.readString(f)).isEqualTo("{\"schema\":\"patchctl.reboot-marker/v1\",\"run_id\":");
    }

    @Test
    void read_otherSchema_isRefused() throws Exception {
        Files.writeString(dir.resolve(RebootMarkerFile.FILE_NAME), "{\"schema\":\"something-else/v9\",\"run_id\":\"x\"}");

        assertThat(new RebootMarkerFile(dir).read("i-1", "/").problem())
                .isEqualTo("has schema \"something-else/v9\", expected \"patchctl.reboot-marker/v1\"");
    }

    @Test
    void read_markerOfAnotherInstance_isForeign() {
        RebootMarkerFile file = new RebootMarkerFile(dir);
        file.write(marker("i-other"));

        assertThat(file.read("i-1", "/").problem())
                .isEqualTo("was written for instance i-other installroot /, this run patches instance i-1 installroot /");
        assertThat(Files.exists(file.path())).isTrue();
    }
}
