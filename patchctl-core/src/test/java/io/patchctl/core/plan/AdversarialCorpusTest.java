package io.patchctl.core.plan;

import io.patchctl.testkit.StubModelClient;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every hostile reply of the corpus: only policy-allowed, reported packages survive; the refusal is recorded. */
class AdversarialCorpusTest {

    private static final String CANARY = "/tmp/patchctl-canary-unit";

    static List<AdversarialCorpus.Reply> replies() {
        return AdversarialCorpus.load(CANARY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void hostileReply_nothingOutsidePolicySurvives_andTheRefusalIsRecorded(AdversarialCorpus.Reply reply) {
        PatchPolicy policy = PatchPolicy.defaults();
        AdvisorOutcome outcome = new ModelAdvisor(StubModelClient.replying(reply.text()), null, new RulesAdvisor())
                .advise(Updates.ALL, policy);
        GuardedPlan guarded = new PolicyGuard(policy).guard(Updates.ALL, outcome);

        assertThat(guarded.approved()).isSubsetOf("openssl-libs", "curl");
        if (reply.expectFallback()) {
            assertThat(outcome.info().kind()).as("falls back").isEqualTo("rules");
            assertThat(outcome.info().fallbackReason()).startsWith("BAD_REPLY: ");
        } else {
            assertThat(outcome.info().kind()).as("plan formed").isEqualTo("bedrock");
            assertThat(guarded.rejected()).as("refusals recorded").isNotEmpty();
        }
        String everything = guarded.rejected().toString() + outcome.info().fallbackReason();
        if (reply.text().contains(CANARY)) {
            assertThat(guarded.rejected().toString() + outcome.replyRejections()).as("hostile command listed").contains(CANARY);
        }
        assertThat(everything.length()).as("report stays small").isLessThan(20_000);
    }

    /** The same replies after the model refused the schema: the prompt-only path guards exactly as well. */
    @ParameterizedTest(name = "prompt-only {0}")
    @MethodSource("replies")
    void hostileReply_onThePromptOnlyPath_isGuardedTheSame(AdversarialCorpus.Reply reply) {
        PatchPolicy policy = PatchPolicy.defaults();
        StubModelClient client = new StubModelClient("stub-model", r -> {
            if (r.schema() != null) {
                throw new io.patchctl.core.model.ModelException(io.patchctl.core.model.ModelException.Reason.SCHEMA_REJECTED,
                        "ValidationException (HTTP 400): output_config is not supported");
            }
            return new io.patchctl.core.model.ModelReply(reply.text(), "end_turn", "stub-model", 100, 20, 5, 1);
        });
        AdvisorOutcome outcome = new ModelAdvisor(client, null, new RulesAdvisor()).advise(Updates.ALL, policy);
        GuardedPlan guarded = new PolicyGuard(policy).guard(Updates.ALL, outcome);

        assertThat(client.requests()).hasSize(2);
        assertThat(outcome.info().call().outputFormat()).startsWith("prompt-only (schema rejected:");
        assertThat(guarded.approved()).isSubsetOf("openssl-libs", "curl");
        assertThat(outcome.info().kind()).isEqualTo(reply.expectFallback() ? "rules" : "bedrock");
        if (!reply.expectFallback()) {
            assertThat(guarded.rejected()).as("refusals recorded").isNotEmpty();
        }
    }

    @Test
    void corpus_hasAtLeast25Replies_andTheIndexListsEveryFile() throws IOException {
        Path dir = Path.of("src/test/resources/adversarial-replies");
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.txt") && !n.equals("README.md"))
                    .sorted().collect(Collectors.toList());
        }
        assertThat(replies()).extracting(AdversarialCorpus.Reply::name).containsExactlyElementsOf(files);
        assertThat(files).hasSizeGreaterThanOrEqualTo(25);
        assertThat(replies()).filteredOn(r -> r.name().contains("huge")).singleElement()
                .satisfies(r -> assertThat(r.text().length()).isGreaterThan(1_000_000));
    }
}
