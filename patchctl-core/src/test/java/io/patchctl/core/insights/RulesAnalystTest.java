package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RulesAnalystTest {

    private final RulesAnalyst rules = new RulesAnalyst();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"metadata-download.txt", "gpg-check-failure.txt", "dependency-problem.txt", "file-conflict.txt",
        "disk-space.txt", "rpm-lock.txt", "scriptlet-failure.txt", "rhel-not-registered.txt", "ssm-timeout.txt",
        "unknown-segfault.txt"})
    void everyClass_givesAValidScreenCleanAnalysisTargetingHostAndRegion(String file) {
        FailureContext context = Fixtures.context(file);

        AnalysisOutcome outcome = rules.analyze(context);

        // What the rules write must pass the same validation and screening as a model's reply.
        JsonNode json = Json.mapper().valueToTree(outcome.analysis());
        assertThat(json.size()).isEqualTo(8);
        assertThat(FailureAnalysis.fromJson(json)).isEqualTo(outcome.analysis());
        assertThat(new CommandScreen().screen(outcome.analysis()).rejected()).isEmpty();
        assertThat(outcome.source()).isEqualTo("rules");
        assertThat(outcome.analysis().awsCliCommands()).isNotEmpty()
                .allSatisfy(c -> assertThat(c).contains(Fixtures.INSTANCE).endsWith("--region us-east-2"));
        assertThat(outcome.analysis().immediateActions()).isNotEmpty();
        assertThat(outcome.analysis().summary()).contains(Fixtures.INSTANCE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"metadata-download.txt", "file-conflict.txt", "disk-space.txt"})
    void rootCause_quotesTheDnfErrorLine(String file) {
        FailureContext context = Fixtures.context(file);
        assertThat(rules.analyze(context).analysis().rootCause()).contains(context.classification().errorLine());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"file-conflict.txt"})
    void fileConflict_asksWhichPackageOwnsTheFile(String file) {
        assertThat(rules.analyze(Fixtures.context(file)).analysis().dnfCommands())
                .contains("dnf repoquery --installed --whatprovides /opt/base/conf");
    }

    @org.junit.jupiter.api.Test
    void rpmdbCorruption_explainsTheRebuildWithABackupFirst() {
        FailureAnalysis a = rules.analyze(Fixtures.context("real/rpmdb-bdb-runrecovery.txt")).analysis();

        assertThat(a.rootCause()).contains("rpm database").contains("rpmdb open failed");
        assertThat(String.join(" ", a.immediateActions())).contains("back up /var/lib/rpm").contains("rpm --rebuilddb");
        assertThat(a.severity()).isEqualTo(AnalysisSeverity.HIGH);
    }

    @org.junit.jupiter.api.Test
    void fileConflict_rootCauseQuotesTheWholeBlockNotJustTheHeader() {
        FailureAnalysis a = rules.analyze(Fixtures.context("real/file-conflict-el8.txt")).analysis();

        assertThat(a.rootCause()).contains("Error: Transaction test error:").contains("conflicts with file from package libidn2");
    }

    @org.junit.jupiter.api.Test
    void nonFatalPostScriptlet_saysThePackageIsInstalled() {
        FailureAnalysis a = rules.analyze(Fixtures.context("real/scriptlet-post-nonfatal-wazuh.txt")).analysis();

        assertThat(a.rootCause()).contains("non-fatal").contains("installed");
    }
}
