package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlaybooksTest {

    private final RulesAnalyst rules = new RulesAnalyst();

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorClass.class)
    void everyClass_hasAPlaybookWhoseFactsTheAnalystSupplies(ErrorClass errorClass) {
        Playbook playbook = Playbooks.of(errorClass);
        FailureContext context = context(errorClass, "");

        FailureAnalysis analysis = rules.analysis(context);

        assertThat(playbook.immediateActions()).isNotEmpty();
        assertThat(playbook.preventiveMeasures()).isNotEmpty();
        assertThat(analysis.severity()).isEqualTo(playbook.severity());
        assertThat(analysis.escalate()).isEqualTo(playbook.escalate());
        assertThat(List.of(analysis.rootCause(), String.join(" ", analysis.dnfCommands()))).noneMatch(t -> t.contains("{"));
    }

    @Test
    void highSeverityClasses_escalate_othersDoNot() {
        for (ErrorClass c : ErrorClass.values()) {
            Playbook p = Playbooks.of(c);
            assertThat(p.escalate()).as(c.name()).isEqualTo(p.severity().compareTo(AnalysisSeverity.HIGH) >= 0);
        }
    }

    @Test
    void remoteShell_becomesOneSendCommandForTheHost() {
        FailureAnalysis analysis = rules.analysis(context(ErrorClass.METADATA_DOWNLOAD, ""));

        assertThat(analysis.awsCliCommands()).contains("aws ssm send-command --instance-ids " + Fixtures.INSTANCE
                + " --document-name AWS-RunShellScript --parameters 'commands=[\"dnf clean metadata\",\"dnf makecache --refresh\"]'"
                + " --region us-east-2");
    }

    @Test
    void agentUnreachable_doesNotQuoteEvidenceSsmNeverReachedDnf() {
        FailureAnalysis analysis = rules.analysis(context(ErrorClass.AGENT_UNREACHABLE, "Undeliverable"));

        assertThat(analysis.rootCause()).doesNotContain("Evidence");
    }

    @Test
    void render_unknownFact_failsNamingIt() {
        assertThatThrownBy(() -> Playbook.render("see {nope}", Map.of("status", "Failed")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("playbook text names unknown fact {nope}: see {nope}");
        assertThat(Playbook.render("failed ({status})", Map.of("status", "$1 \\x"))).isEqualTo("failed ($1 \\x)");
    }

    private static FailureContext context(ErrorClass errorClass, String block) {
        return new FailureContext(Fixtures.commandFailed("Failed"), "dev", "us-east-2", Evidence.NONE,
                new Classification(errorClass, block, block));
    }
}
