package io.patchctl.core.plan;

import io.patchctl.testkit.StubModelClient;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema-bound requests, the prompt-only fallback, guardrails, reasoning and retries as the advisor records them. */
class ModelAdvisorSchemaTest {

    private static final String PLAN = "{\"install_all_other_reported\":true,\"hold\":[{\"package\":\"kernel-core\","
            + "\"reason\":\"reboot\"}],\"risk\":\"LOW\",\"reasoning\":\"userspace only\"}";

    @Test
    void schemaAccepted_requestCarriesIt_andTheReportSaysJsonSchema() {
        StubModelClient client = new StubModelClient("m", r -> new ModelReply(PLAN, "end_turn", "m", 900, 40, 5, 1));

        AdvisorOutcome outcome = new ModelAdvisor(client, null, new RulesAdvisor()).advise(Updates.ALL, PatchPolicy.defaults());

        assertThat(client.requests()).singleElement().satisfies(r -> assertThat(r.schema()).isEqualTo(PlanSchema.SCHEMA));
        assertThat(outcome.info().kind()).isEqualTo("bedrock");
        assertThat(outcome.info().call().outputFormat()).isEqualTo(ModelCallDetails.JSON_SCHEMA);
        assertThat(outcome.plan().install()).containsExactlyInAnyOrder("openssl-libs", "curl");
    }

    @Test
    void schemaRejected_asksAgainPromptOnly_andRecordsWhy() {
        StubModelClient client = new StubModelClient("m", r -> {
            if (r.schema() != null) {
                throw new ModelException(ModelException.Reason.SCHEMA_REJECTED,
                        "ValidationException (HTTP 400): structured output is not supported for this model");
            }
            return new ModelReply(PLAN, "end_turn", "m", 900, 40, 5, 1);
        });

        AdvisorOutcome outcome = new ModelAdvisor(client, null, new RulesAdvisor()).advise(Updates.ALL, PatchPolicy.defaults());

        assertThat(client.requests()).hasSize(2);
        assertThat(client.requests().get(1).schema()).isNull();
        assertThat(client.requests().get(1).user()).isEqualTo(client.requests().get(0).user());
        assertThat(outcome.info().kind()).isEqualTo("bedrock");
        assertThat(outcome.info().call().outputFormat())
                .startsWith("prompt-only (schema rejected: ValidationException (HTTP 400): structured output is not supported");
    }

    @Test
    void structuredOutputOff_neverSendsTheSchema() {
        StubModelClient client = new StubModelClient("m", r -> new ModelReply(PLAN, "end_turn", "m", 900, 40, 5, 1));

        AdvisorOutcome outcome = new ModelAdvisor(client, null, new RulesAdvisor(), false).advise(Updates.ALL, PatchPolicy.defaults());

        assertThat(client.requests().get(0).schema()).isNull();
        assertThat(outcome.info().call().outputFormat()).isEqualTo("prompt-only");
    }

    @Test
    void guardrailIntervened_fallsBackToRules_withTheReason() {
        StubModelClient client = new StubModelClient("m", r -> new ModelReply("Sorry, the model cannot answer this.",
                ModelReply.GUARDRAIL_INTERVENED, "m", 900, 0, 5, 1));

        AdvisorOutcome outcome = new ModelAdvisor(client, null, new RulesAdvisor()).advise(Updates.ALL, PatchPolicy.defaults());

        assertThat(outcome.info().kind()).isEqualTo("rules");
        assertThat(outcome.info().fallbackReason()).startsWith("GUARDRAIL_INTERVENED: a Bedrock guardrail replaced")
                .contains("Sorry, the model cannot answer this.");
    }

    @Test
    void reasoningAndRetries_areRecorded_andReasoningIsNeverParsed() {
        StubModelClient client = new StubModelClient("m", r -> new ModelReply(PLAN, "end_turn", "m", 900, 540, 5, 3,
                2, 2000, List.of("attempt 1: HTTP 429 ModelNotReadyException", "attempt 2: HTTP 429 ModelNotReadyException")));

        AdvisorOutcome outcome = new ModelAdvisor(client, null, new RulesAdvisor()).advise(Updates.ALL, PatchPolicy.defaults());

        assertThat(outcome.info().call().reasoningTokens()).isEqualTo(500);
        assertThat(outcome.info().call().reasoningBlocks()).isEqualTo(2);
        assertThat(outcome.info().call().retries()).containsExactly("attempt 1: HTTP 429 ModelNotReadyException",
                "attempt 2: HTTP 429 ModelNotReadyException");
    }

    @Test
    void failedCall_keepsTheRetryReasonsForTheReport() {
        StubModelClient client = new StubModelClient("m", r -> {
            throw new ModelException(ModelException.Reason.MODEL_NOT_READY, "still loading", null,
                    List.of("attempt 1: HTTP 429 ModelNotReadyException"));
        });

        AdvisorOutcome outcome = new ModelAdvisor(client, null, new RulesAdvisor()).advise(Updates.ALL, PatchPolicy.defaults());

        assertThat(outcome.info().fallbackReason()).startsWith("MODEL_NOT_READY: still loading");
        assertThat(outcome.info().call().retries()).containsExactly("attempt 1: HTTP 429 ModelNotReadyException");
    }
}
