package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analysis as a schema-bound answer: schema sent, prompt-only fallback, bounded lists, guardrail. */
class ModelAnalystSchemaTest {

    private final FailureContext context = Fixtures.context("metadata-download.txt");

    @Test
    void request_carriesTheAnalysisSchema_withEveryKeyRequired() throws Exception {
        ModelAnalystTest.ScriptedModel model = new ModelAnalystTest.ScriptedModel().then(AnalysisReplyParserTest.VALID);

        new ModelAnalyst(model, new RulesAnalyst()).analyze(context);

        ModelRequest request = model.requests.get(0);
        assertThat(request.schema()).isEqualTo(AnalysisSchema.SCHEMA);
        var node = new ObjectMapper().readTree(request.schema().json());
        assertThat(node.path("required")).hasSize(8);
        assertThat(node.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(node.at("/properties/dnf_commands/description").asText()).contains("at most 8 entries");
    }

    @Test
    void schemaRejected_asksPromptOnly_andStillUsesTheModel() {
        ModelAnalystTest.ScriptedModel model = new ModelAnalystTest.ScriptedModel()
                .then(new ModelException(ModelException.Reason.SCHEMA_REJECTED, "ValidationException: outputConfig not supported"))
                .then(AnalysisReplyParserTest.VALID);

        AnalysisOutcome outcome = new ModelAnalyst(model, new RulesAnalyst()).analyze(context);

        assertThat(outcome.source()).isEqualTo("bedrock");
        assertThat(model.requests).hasSize(2);
        assertThat(model.requests.get(1).schema()).isNull();
        assertThat(model.requests.get(1).user()).isEqualTo(model.requests.get(0).user());
    }

    @Test
    void longLists_areCutAtTheSchemaBound() throws Exception {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(AnalysisReplyParserTest.VALID);
        var actions = node.putArray("immediate_actions");
        for (int i = 0; i < 30; i++) {
            actions.add("step " + i);
        }

        FailureAnalysis analysis = AnalysisReplyParser.parse(node.toString());

        assertThat(analysis.immediateActions()).hasSize(AnalysisSchema.MAX_ITEMS).startsWith("step 0").endsWith("step 7");
    }

    @Test
    void guardrailIntervened_fallsBackToTheRules() {
        List<ModelRequest> seen = new ArrayList<>();
        var model = new io.patchctl.core.model.ModelClient() {
            @Override
            public ModelReply invoke(ModelRequest request) {
                seen.add(request);
                return new ModelReply(AnalysisReplyParserTest.VALID, ModelReply.GUARDRAIL_INTERVENED, modelId(), 10, 0, 1, 1);
            }

            @Override
            public String modelId() {
                return "m";
            }
        };

        AnalysisOutcome outcome = new ModelAnalyst(model, new RulesAnalyst()).analyze(context);

        assertThat(outcome.source()).isEqualTo("rules");
        assertThat(outcome.fallbackReason()).isEqualTo("a Bedrock guardrail replaced the model's answer");
        assertThat(seen).hasSize(1);
    }
}
