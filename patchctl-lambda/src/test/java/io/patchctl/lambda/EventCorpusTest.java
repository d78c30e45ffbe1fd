package io.patchctl.lambda;

import io.patchctl.core.insights.InsightService;
import io.patchctl.testkit.TestEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.insights.FailureAnalysis;
import io.patchctl.core.insights.RulesAnalyst;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.insights.Escalator;
import io.patchctl.core.internal.json.Json;
import io.patchctl.testkit.InMemoryReportStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the event corpus through the Lambda handler: failure -> report, skip -> nothing, malformed -> kept + clear reason. */
class EventCorpusTest {

    static Stream<String> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(EventCorpusTest.class.getResource("/events").toURI());
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md")).sorted().toList();
        }
        assertThat(names).anyMatch(n -> n.startsWith("failure-")).anyMatch(n -> n.startsWith("skip-"))
                .anyMatch(n -> n.startsWith("malformed-")).allMatch(n -> n.matches("(failure|skip|malformed)-.*"));
        return names.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusEvent_givesTheOutcomeItsNameSays(String name) throws Exception {
        InMemoryReportStore store = new InMemoryReportStore();
        InsightService service = new InsightService(InsightServiceTest.config(Duration.ofHours(6)).settings(), store, new RulesAnalyst(),
                WindowTargetResolver.NONE, Escalator.NONE, Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new InsightsHandler(service).handleRequest(new ByteArrayInputStream(TestEvents.corpus(name).getBytes(StandardCharsets.UTF_8)),
                out, null);

        JsonNode answer = Json.mapper().readTree(out.toByteArray());
        if (name.startsWith("failure-")) {
            assertThat(answer.get("status").asText()).isEqualTo("STORED");
            String key = answer.get("keys").get(0).asText();
            assertThat(key).matches("bedrock-patch-insights/dev/[A-Za-z0-9-]+/\\d{8}T\\d{6}Z\\.json");
            JsonNode report = Json.mapper().readTree(store.objects().get(key));
            assertThat(FailureAnalysis.fromJson(report.get("analysis"))).isNotNull();
            assertThat(report.get("analysis").size()).isEqualTo(8);
            assertThat(report.get("analysis_source").asText()).isEqualTo("rules");
            assertThat(report.get("event")).isEqualTo(Json.mapper().readTree(TestEvents.corpus(name)));
        } else if (name.startsWith("skip-")) {
            assertThat(answer.get("status").asText()).isEqualTo("SKIPPED");
            assertThat(answer.get("reason").asText()).isNotBlank();
            assertThat(store.objects()).isEmpty();
        } else {
            assertThat(answer.get("status").asText()).isEqualTo("REJECTED");
            assertThat(answer.get("reason").asText()).isNotBlank();
            assertThat(store.objects().keySet()).singleElement().asString().startsWith("bedrock-patch-insights/dev/_rejected/");
        }
    }
}
