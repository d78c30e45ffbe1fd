package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.internal.json.Json;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With dnf plugins enabled (as on RHEL), the run asks {@code dnf needs-restarting -r}. */
class RunCommandPluginsLabTest {

    @TempDir
    Path tmp;

    @Test
    void run_withPluginsEnabled_reportsRebootNeededFromNeedsRestarting() throws Exception {
        LabHost host = Lab.build(StandardLabs.mixed()).newHost(tmp.resolve("host"), HostSpec.allBase());
        List<String> args = new ArrayList<>(List.of("--installroot=" + host.installroot(), "--instance-id=i-0lab",
                "--lock-file=" + host.dir().resolve("patchctl-run.lock"),
                "--advisor=rules", "--dnf-arg=--config=" + host.dnfConf(), "--dnf-arg=--releasever=8",
                // Debian's plugins "local" and "generate_completion_cache" write to the host: only those are off
                "--dnf-arg=--disableplugin=local", "--dnf-arg=--disableplugin=generate_completion_cache"));

        LabRun run = LabRun.runRaw(LabRun.components(host, null, new ProcessRunner()), args.toArray(new String[0]));

        assertThat(run.exitCode).as(run.stderr).isZero();
        JsonNode report = Json.mapper().readTree(run.stdout);
        assertThat(report.get("reboot_needed").isBoolean()).as("reboot_needed: %s", report.get("reboot_needed")).isTrue();
        assertThat(report.get("dnf_invocations").asInt()).isEqualTo(6); // list, info, upgrade, needs-restarting, dnf check, history info
    }
}
