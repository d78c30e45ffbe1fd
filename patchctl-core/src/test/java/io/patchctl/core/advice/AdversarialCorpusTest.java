package io.patchctl.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.plan.AdvisorOutcome;
import io.patchctl.core.plan.GuardedPlan;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PolicyGuard;
import io.patchctl.core.plan.RulesAdvisor;
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
