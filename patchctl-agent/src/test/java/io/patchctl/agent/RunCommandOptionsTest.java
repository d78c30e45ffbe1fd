package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option and input errors: exit codes and messages, before any dnf runs. */
class RunCommandOptionsTest {

    @TempDir
    Path tmp;

    @Test
    void malformedPolicy_exitsTwoNamingTheProblem() throws Exception {
        Path policy = tmp.resolve("policy.yaml");
        Files.writeString(policy, "hold_packages: kernel*\n");

        LabRun run = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp, "--policy=" + policy);

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr).contains("patchctl: policy file " + policy
                + ": hold_packages must be a list of package-name globs, found string \"kernel*\"");
        assertThat(run.stdout).isEmpty();
    }

    @Test
    void missingPolicyFile_exitsTwo() {
        LabRun run = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp, "--policy=" + tmp.resolve("nope.yaml"));

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr).contains("cannot read policy file " + tmp.resolve("nope.yaml"));
    }

    @Test
    void unknownAdvisor_isUsageErrorOne() {
        LabRun run = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp, "--advisor=gpt");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.stderr).contains("Invalid value for option '--advisor'").contains("'gpt' is not an advisor (valid: bedrock, rules)");
    }

    @Test
    void unknownOption_isUsageErrorOne() {
        LabRun run = LabRun.runRaw(new AgentComponents(), "--dry-run");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.stderr).contains("Unknown option: '--dry-run'");
    }

    @Test
    void instanceIdWithPathCharacters_isRejected() {
        LabRun run = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp, "--instance-id=../../etc");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.stderr).contains("--instance-id: not a safe report key segment");
    }

    @Test
    void installrootMissing_isUsageErrorOne() {
        LabRun run = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp.resolve("absent"));

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.stderr).contains("--installroot " + tmp.resolve("absent") + " is not a directory");
    }

    @Test
    void complianceTypeTheSsmApiRejects_isUsageErrorOne() {
        LabRun run = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp, "--compliance-type=Custom:RHEL8-Security");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.stderr).contains("--compliance-type: compliance type must be Custom:<name>");
    }
}
