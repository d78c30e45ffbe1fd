package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.event.ruler.Machine;

/**
 * The rule's event pattern, rendered as Terraform renders it and run through AWS's own Event Ruler
 * against the insights corpus (and this module's rule-only cases): every failure event matches,
 * no success, compliant, unrelated or foreign event does.
 */
class FailureEventPatternTest {

    static final String ENVIRONMENT = "dev";
    private static final String TEMPLATE = "templates/failure-event-pattern.json.tftpl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String pattern;
    private static Machine machine;

    @BeforeAll
    static void renderRule() throws Exception {
        pattern = renderPattern();
        machine = new Machine();
        machine.addRule(ENVIRONMENT + "-patch-failure-rule", pattern);
    }

    static String renderPattern() {
        Path root = TerraformTree.root();
        return TemplateRenderer.renderFile(root.resolve(TEMPLATE), Map.of(
                "compliance_type", Hcl.defaultString(root, "compliance_type"),
                "document_name", documentName(ENVIRONMENT),
                "document_arn", "arn:aws:ssm:us-east-2:123456789012:document/" + documentName(ENVIRONMENT),
                "test_event_source", Hcl.defaultString(root, "test_event_source")));
    }

    /** The document name as module patch-manager builds it, for one environment. */
    static String documentName(String environment) {
        String expression = HclSource.attribute(HclSource.module(TerraformTree.patchManager()).block("locals"),
                "document_name");
        assertThat(expression).as("document name expression").isEqualTo("\"${var.environment}-bedrock-rhel8-patch\"");
        return environment + "-bedrock-rhel8-patch";
    }

    @TestFactory
    Stream<DynamicTest> everyFailureEvent_matchesTheRule() {
        List<Path> events = events("failure-");
        assertThat(events).as("failure events in the corpora").hasSizeGreaterThanOrEqualTo(10);
        return events.stream().map(file -> DynamicTest.dynamicTest(label(file), () ->
                assertThat(machine.rulesForJSONEvent(TerraformTree.read(file)))
                        .as("%s must match the rule\n%s", file.getFileName(), pattern)
                        .containsExactly(ENVIRONMENT + "-patch-failure-rule")));
    }

    @TestFactory
    Stream<DynamicTest> everySkipEvent_doesNotMatchTheRule() {
        List<Path> events = events("skip-");
        assertThat(events).as("skip events in the corpora").hasSizeGreaterThanOrEqualTo(10);
        return events.stream().map(file -> DynamicTest.dynamicTest(label(file), () ->
                assertThat(machine.rulesForJSONEvent(TerraformTree.read(file)))
                        .as("%s must not match the rule\n%s", file.getFileName(), pattern)
                        .isEmpty()));
    }

    @Test
    void pattern_coversEveryFailureShapeOfTheIssue() throws Exception {
        var or = JSON.readTree(pattern).get("$or");
        List<String> detailTypes = new ArrayList<>();
        or.forEach(branch -> branch.get("detail-type").forEach(t -> detailTypes.add(t.asText())));

        assertThat(detailTypes).containsExactlyInAnyOrder(
                "Configuration Compliance State Change",
                "EC2 Command Invocation Status-change Notification",
                "Patch Manager Compliance State Change");
    }

    @Test
    void pattern_fitsEventBridgeLimits() throws Exception {
        String compact = JSON.writeValueAsString(JSON.readTree(pattern));

        // PutRule: EventPattern is at most 4096 characters.
        assertThat(compact.length()).isLessThan(4096);
    }

    @Test
    void rule_rendersThePatternFromTheTemplateWithTheModulesNames() {
        TemplatefileCalls.Call call = TemplatefileCalls.of(TerraformTree.root(), TEMPLATE);
        String rule = HclSource.module(TerraformTree.root()).resource("aws_cloudwatch_event_rule", "patch_failure");

        assertThat(HclSource.attribute(rule, "name")).isEqualTo("\"${var.environment}-patch-failure-rule\"");
        assertThat(rule).contains("event_pattern = templatefile(\"${path.module}/" + TEMPLATE + "\"");
        assertThat(TemplatefileCalls.binding(call, "document_name")).isEqualTo("module.patch_manager.document_name");
        assertThat(TemplatefileCalls.binding(call, "document_arn")).isEqualTo("module.patch_manager.document_arn");
        assertThat(TemplatefileCalls.binding(call, "compliance_type")).isEqualTo("var.compliance_type");
    }

    @Test
    void unrelatedSource_withFailureDetail_doesNotMatch() throws Exception {
        String foreign = "{\"source\":\"aws.ec2\",\"detail-type\":\"EC2 Command Invocation Status-change Notification\","
                + "\"detail\":{\"document-name\":\"dev-bedrock-rhel8-patch\",\"status\":\"Failed\"}}";

        assertThat(machine.rulesForJSONEvent(foreign)).isEmpty();
    }

    @Test
    void maintenanceWindowTargetEvents_areNotRouted_soOneHostFailureIsOneAnalysis() throws Exception {
        // AWS's sample of this event names no host (no instance id, no invocation id), and the same
        // failure also arrives as the per-instance "EC2 Command Invocation Status-change Notification".
        List<Path> windowEvents = windowTargetEvents();
        assertThat(windowEvents).as("maintenance-window events in the corpora").hasSizeGreaterThanOrEqualTo(2);
        for (Path file : windowEvents) {
            assertThat(machine.rulesForJSONEvent(TerraformTree.read(file))).as(file.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void commandEvent_matches_whetherSsmReportsTheDocumentByNameOrByArn() throws Exception {
        String event = TerraformTree.read(ruleOnlyEvents().resolve("failure-command-failed-aws-sample.json"));
        String byArn = event.replace("\"document-name\": \"dev-bedrock-rhel8-patch\"",
                "\"document-name\": \"arn:aws:ssm:us-east-2:123456789012:document/dev-bedrock-rhel8-patch\"");
        assertThat(byArn).isNotEqualTo(event);

        assertThat(machine.rulesForJSONEvent(event)).containsExactly(ENVIRONMENT + "-patch-failure-rule");
        assertThat(machine.rulesForJSONEvent(byArn)).containsExactly(ENVIRONMENT + "-patch-failure-rule");
    }

    /** Events of the given kind the rule must (failure-) or must not (skip-) match; window events are apart. */
    private static List<Path> events(String prefix) {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(insightsCorpus(), ruleOnlyEvents())) {
            files.addAll(TerraformTree.filesEndingWith(dir, ".json").stream()
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !isWindowTargetEvent(p)).toList());
        }
        return files;
    }

    private static List<Path> windowTargetEvents() {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(insightsCorpus(), ruleOnlyEvents())) {
            files.addAll(TerraformTree.filesEndingWith(dir, ".json").stream().filter(FailureEventPatternTest::isWindowTargetEvent).toList());
        }
        return files;
    }

    private static boolean isWindowTargetEvent(Path file) {
        return TerraformTree.read(file).contains("\"Maintenance Window Task Target Invocation State-change Notification\"");
    }

    static Path insightsCorpus() {
        Path dir = TerraformTree.repositoryRoot().resolve("patchctl-lambda/src/test/resources/events");
        assertThat(dir).as("insights event corpus (issue 4)").isDirectory();
        return dir;
    }

    private static Path ruleOnlyEvents() {
        Path dir = TerraformTree.repositoryRoot().resolve("infra/terraform-tests/src/test/resources/rule-events");
        assertThat(Files.isDirectory(dir)).as("rule-only events").isTrue();
        return dir;
    }

    private static String label(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }
}
