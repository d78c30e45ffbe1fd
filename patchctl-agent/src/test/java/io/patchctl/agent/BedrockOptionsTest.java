package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bedrock, plan-cache and compliance options of {@code patchctl run}: usage errors before anything runs. */
class BedrockOptionsTest {

    @TempDir
    Path tmp;

    @Test
    void unknownBedrockApi_exitsOneNamingTheExpectedForms() {
        LabRun run = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp, "--bedrock-api=stream");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.stderr).contains("patchctl: --bedrock-api: unknown Bedrock API 'stream' (expected invoke-model or converse)");
        assertThat(run.stdout).isEmpty();
    }

    @Test
    void nonPositiveBudgetOrTtl_exitsOne() {
        LabRun budget = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp, "--bedrock-budget=0");
        LabRun ttl = LabRun.runRaw(new AgentComponents(), "--installroot=" + tmp, "--plan-cache-ttl=-1");

        assertThat(budget.exitCode).isEqualTo(1);
        assertThat(budget.stderr).contains("patchctl: --bedrock-budget and --plan-cache-ttl must be > 0");
        assertThat(ttl.exitCode).isEqualTo(1);
        assertThat(ttl.stderr).contains("patchctl: --bedrock-budget and --plan-cache-ttl must be > 0");
    }
}
