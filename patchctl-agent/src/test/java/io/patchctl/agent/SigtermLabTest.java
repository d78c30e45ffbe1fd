package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.internal.json.Json;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what SSM sends on cancel or execution timeout) to a real {@code patchctl run} JVM while
 * dnf is inside a 120-package upgrade: dnf is let finish, the run stops before its next step, the
 * CANCELLED report is printed and stored, and the exit code is 6, not the JVM's 143 with nothing.
 */
class SigtermLabTest {

    static Lab fleet;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        fleet = Lab.build(StandardLabs.fleet(122, 122));
    }

    @Test
    void sigtermDuringTheUpgrade_letsDnfFinish_storesCancelledReport_exits6() throws Exception {
        LabHost host = fleet.newHost(tmp.resolve("h"), HostSpec.allBase());
        Path reports = tmp.resolve("reports");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName(), "run",
                "--installroot=" + host.installroot(), "--instance-id=i-0sigterm", "--advisor=rules", "--no-compliance",
                "--report-dir=" + reports, "--spool-dir=" + tmp.resolve("spool"), "--lock-file=" + tmp.resolve("lock")));
        host.dnfArgs().forEach(a -> argv.add("--dnf-arg=" + a));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile());
        pb.environment().putAll(host.environment());
        Process agent = pb.start();

        // wait for the real upgrade (not the tsflags=test one) to start, then SIGTERM the agent only
        Optional<ProcessHandle> dnf = Optional.empty();
        for (int i = 0; i < 3000 && dnf.isEmpty() && agent.isAlive(); i++) {
            dnf = agent.descendants().filter(SigtermLabTest::isRealUpgrade).findFirst();
            if (dnf.isEmpty()) {
                Thread.sleep(10);
            }
        }
        assertThat(dnf).as("dnf upgrade seen; agent stderr: %s", read("err")).isPresent();
        agent.destroy(); // SIGTERM
        assertThat(agent.waitFor(300, TimeUnit.SECONDS)).isTrue();

        String stderr = read("err");
        assertThat(agent.exitValue()).as(stderr).isEqualTo(ExitCode.CANCELLED.code());
        assertThat(dnf.get().isAlive()).as("no orphaned dnf").isFalse();
        JsonNode report = Json.mapper().readTree(read("out"));
        assertThat(report.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(report.get("exit_code").asInt()).isEqualTo(ExitCode.CANCELLED.code());
        assertThat(report.get("error").asText()).contains("cancelled (SIGTERM)");
        // the upgrade dnf was running was let finish: every allowed package moved, none doubled
        assertThat(report.get("apply").get("success").asBoolean()).as(stderr).isTrue();
        assertThat(report.get("apply").get("installed").size()).isEqualTo(120);
        Map<String, List<String>> installed = host.installed();
        installed.forEach((name, evrs) -> {
            if (!name.startsWith("kernel")) {
                assertThat(evrs).as(name).hasSize(1);
            }
        });
        host.checkRpmDatabase();
        assertThat(stderr).contains("SIGTERM");
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString).toList())
                    .singleElement().satisfies(f -> assertThat(f).contains("bedrock-patch-runs/dev/i-0sigterm/"));
        }
    }

    private static boolean isRealUpgrade(ProcessHandle p) {
        List<String> args = p.info().arguments().map(List::of).orElse(List.of());
        return args.contains("upgrade") && args.stream().noneMatch(a -> a.contains("tsflags=test"));
    }

    private String read(String name) throws Exception {
        Path f = tmp.resolve(name);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }
}
