package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.aws.BedrockModels;
import io.patchctl.core.compliance.ComplianceItems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    @Test
    void unsetOptions_haveTheRunDefaults_modelAndRegionFromTheOneConstant() {
        AgentComponents.Settings s = AgentComponents.Settings.builder().model(" ", null).build();

        assertThat(s.modelId()).isEqualTo(BedrockModels.DEFAULT_MODEL_ID);
        assertThat(s.region()).isEqualTo(BedrockModels.DEFAULT_REGION);
        assertThat(s.complianceType()).isEqualTo(ComplianceItems.TYPE);
        assertThat(s.bedrockApi()).isEqualTo("invoke-model");
        assertThat(s.bedrockBudget()).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.planCache()).isTrue();
        assertThat(s.compliance()).isTrue();
        assertThat(s.bedrock()).isEqualTo(BedrockTuning.defaults());
    }

    @Test
    void groupsAreSetTogether_andTheDnfArgumentsAreCopied() {
        List<String> args = new ArrayList<>(List.of("--setopt=x=1"));
        AgentComponents.Settings s = AgentComponents.Settings.builder().advisor("bedrock").environment("prod")
                .reports(Path.of("/tmp/r"), "bucket-1").dnf(Path.of("/srv/root"), args, Duration.ofMinutes(5))
                .planCache(false, Duration.ofHours(1)).compliance(false, "Custom:Other").build();
        args.add("--changed-later");

        assertThat(s.dnfArgs()).containsExactly("--setopt=x=1");
        assertThat(s.reportDir()).isEqualTo(Path.of("/tmp/r"));
        assertThat(s.reportBucket()).isEqualTo("bucket-1");
        assertThat(s.installroot()).isEqualTo(Path.of("/srv/root"));
        assertThat(s.planCache()).isFalse();
        assertThat(s.complianceType()).isEqualTo("Custom:Other");
    }

    @Test
    void missingRequiredValue_isNamed() {
        assertThatThrownBy(() -> AgentComponents.Settings.builder().dnf(null, List.of(), Duration.ofMinutes(1)).build())
                .isInstanceOf(NullPointerException.class).hasMessage("installroot");
    }
}
