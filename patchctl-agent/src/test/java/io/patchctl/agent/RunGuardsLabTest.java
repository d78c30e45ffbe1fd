package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.run.RunLock;
import io.patchctl.core.internal.json.Json;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile --dnf-arg values and overlapping runs, through real dnf in a lab installroot. */
class RunGuardsLabTest {

    static Lab lab;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildLab() {
        lab = Lab.build(StandardLabs.mixed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--setopt=tsflags=test", "--installr=/", "--setopt=gpgcheck=0",
            "--nogpgcheck", "--exclude=openssl*"})
    void run_refusedDnfArg_exits1NamingIt_andStartsNoProcess(String bad) throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Map<String, List<String>> before = host.installed();
        List<List<String>> started = new CopyOnWriteArrayList<>();
        ProcessRunner recording = new ProcessRunner() {
            @Override
            public io.patchctl.dnf.process.ProcessResult run(List<String> argv, Map<String, String> env, java.time.Duration t) {
                started.add(argv);
                return super.run(argv, env, t);
            }
        };
        LabRun run = LabRun.run(host, LabRun.components(host, null, recording), "--advisor=rules", "--no-compliance",
                "--dnf-arg=" + bad, "--report-dir=" + tmp.resolve("r"));

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE.code());
        String option = bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad;
        assertThat(run.stderr).contains("--dnf-arg refused").contains(option);
        assertThat(run.stdout).isEmpty();
        assertThat(started).isEmpty();
        assertThat(host.installed()).isEqualTo(before);
        assertThat(tmp.resolve("r")).doesNotExist();
    }

    @Test
    void run_whileAnotherRunHoldsTheLock_exits7AtOnce_touchingNothing() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Map<String, List<String>> before = host.installed();
        Path lockFile = host.dir().resolve("patchctl-run.lock"); // the one LabRun passes
        // the other run: a separate process holding the same POSIX (fcntl) lock a patchctl run takes
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl,sys,time\n"
                + "f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(600)",
                lockFile.toString()).redirectErrorStream(true).start();
        try {
            String said = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertThat(said).isEqualTo("locked");
            assertThat(RunLock.tryAcquire(lockFile)).as("the holder's lock is visible to patchctl").isEmpty();
            LabRun second = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                    "--no-compliance", "--report-dir=" + tmp.resolve("r"));
            assertThat(second.exitCode).as(second.stderr).isEqualTo(ExitCode.BUSY.code());
            assertThat(second.stderr).contains("BUSY").contains("another patchctl run").contains(lockFile.toString());
            JsonNode out = Json.mapper().readTree(second.stdout);
            assertThat(out.get("status").asText()).isEqualTo("BUSY");
            assertThat(host.installed()).isEqualTo(before);
            assertThat(tmp.resolve("r")).doesNotExist();
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        // the holder died: the kernel released its lock, the next run proceeds
        LabRun third = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules",
                "--no-compliance", "--scan-only");
        assertThat(third.exitCode).as(third.stderr).isEqualTo(ExitCode.NON_COMPLIANT.code());
    }

    @Test
    void run_lockFileIsASymlink_exits1_andLeavesTheTargetAlone() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        java.nio.file.Path target = java.nio.file.Files.writeString(tmp.resolve("precious"), "root:x:0:0\n");
        java.nio.file.Files.createSymbolicLink(host.dir().resolve("patchctl-run.lock"), target);

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules", "--no-compliance");

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.stderr).contains("--lock-file").contains("cannot be opened");
        assertThat(java.nio.file.Files.readString(target)).isEqualTo("root:x:0:0\n");
    }

    @Test
    void run_lockFileOwnedByAnotherUser_exits1() throws Exception {
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        java.nio.file.Path lock = java.nio.file.Files.writeString(host.dir().resolve("patchctl-run.lock"), "");
        java.nio.file.Files.setAttribute(lock, "unix:uid", 65534); // nobody: could hold it forever to block patching

        LabRun run = LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), "--advisor=rules", "--no-compliance");

        assertThat(run.exitCode).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.stderr).contains("owned by uid 65534");
    }
}
