package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.json.Json;
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
}
