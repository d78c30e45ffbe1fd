package io.patchctl.core.insights.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final EventNormalizer normalizer = new EventNormalizer(Clock.fixed(NOW, ZoneOffset.UTC));

    private static String event(String detailType, String detail) {
        return "{\"version\":\"0\",\"id\":\"ev-1\",\"detail-type\":\"" + detailType + "\",\"source\":\"aws.ssm\","
                + "\"time\":\"2026-11-21T02:13:09Z\",\"region\":\"us-east-2\",\"detail\":" + detail + "}";
    }

    private FailureEvent failure(String json) {
        EventVerdict verdict = normalizer.normalize(json);
        assertThat(verdict).isInstanceOf(EventVerdict.Failure.class);
        return ((EventVerdict.Failure) verdict).event();
    }

    private String skipReason(String json) {
        EventVerdict verdict = normalizer.normalize(json);
        assertThat(verdict).isInstanceOf(EventVerdict.Skip.class);
        return ((EventVerdict.Skip) verdict).reason();
    }

    @Test
    void complianceChange_nonCompliantPatch_isFailureOfResource() {
        FailureEvent e = failure(event("Configuration Compliance State Change",
                "{\"compliance-status\":\"non_compliant\",\"resource-id\":\"i-0a1b2c3d4e5f60718\","
                        + "\"compliance-type\":\"Patch\",\"severity\":\"critical\"}"));

        assertThat(e.instanceId()).isEqualTo("i-0a1b2c3d4e5f60718");
        assertThat(e.status()).isEqualTo("non_compliant");
        assertThat(e.severity()).isEqualTo("critical");
        assertThat(e.eventId()).isEqualTo("ev-1");
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2026-11-21T02:13:09Z"));
        assertThat(e.region()).isEqualTo("us-east-2");
    }

    @Test
    void complianceChange_customType_isFailure() {
        assertThat(failure(event("Configuration Compliance State Change",
                "{\"compliance-status\":\"non_compliant\",\"resource-id\":\"i-0a1b2c3d4e5f60718\","
                        + "\"compliance-type\":\"Custom:PatchctlSecurity\"}")).complianceType()).isEqualTo("Custom:PatchctlSecurity");
    }

    @Test
    void complianceChange_compliantOrAssociation_isSkipped() {
        assertThat(skipReason(event("Configuration Compliance State Change",
                "{\"compliance-status\":\"compliant\",\"resource-id\":\"i-1\",\"compliance-type\":\"Patch\"}")))
                .isEqualTo("compliance-status is compliant");
        assertThat(skipReason(event("Configuration Compliance State Change",
                "{\"compliance-status\":\"non_compliant\",\"resource-id\":\"i-1\",\"compliance-type\":\"Association\"}")))
                .contains("Association is not about patching");
    }

    @Test
    void commandInvocation_timedOut_carriesCommandAndDocument() {
        FailureEvent e = failure(event("EC2 Command Invocation Status-change Notification",
                "{\"command-id\":\"2f6b9c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b\",\"document-name\":\"AWS-RunShellScript\","
                        + "\"instance-id\":\"i-0123456789abcdef0\",\"status\":\"TimedOut\"}"));

        assertThat(e.commandId()).isEqualTo("2f6b9c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(e.documentName()).isEqualTo("AWS-RunShellScript");
        assertThat(e.status()).isEqualTo("TimedOut");
    }

    @ParameterizedTest
    @ValueSource(strings = {"failed", "FAILED", "Timed Out", "Delivery Timed Out", "Execution Timed Out", "Canceled",
            "Access Denied", "Invalid Platform", "Terminated"})
    void commandInvocation_failureStatusInAnySpelling_isFailure(String status) {
        FailureEvent e = failure(event("EC2 Command Invocation Status-change Notification",
                "{\"command-id\":\"c-1\",\"instance-id\":\"i-0123456789abcdef0\",\"status\":\"" + status + "\"}"));

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.subjectId()).isEqualTo("i-0123456789abcdef0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Success", "success", "In Progress", "InProgress", "Pending", "Delayed"})
    void commandInvocation_successOrRunningInAnySpelling_isSkipped(String status) {
        assertThat(skipReason(event("EC2 Command Invocation Status-change Notification",
                "{\"command-id\":\"c\",\"instance-id\":\"i-1\",\"status\":\"" + status + "\"}")))
                .isEqualTo("command status is " + status);
    }

    @Test
    void windowTargetInvocation_timedOutSpelledAsWords_isFailure() {
        FailureEvent e = failure(event("Maintenance Window Task Target Invocation State-change Notification",
                "{\"window-id\":\"mw-0ed7251d3fcf6e0c2\",\"window-execution-id\":\"6417e808-7f35-4d1a-843f-123456789012\","
                        + "\"status\":\"Timed Out\"}"));

        assertThat(e.needsTargetResolution()).isTrue();
    }

    @Test
    void commandInvocation_success_isSkipped() {
        assertThat(skipReason(event("EC2 Command Invocation Status-change Notification",
                "{\"command-id\":\"c\",\"instance-id\":\"i-1\",\"status\":\"Success\"}"))).isEqualTo("command status is Success");
    }

    @Test
    void windowTargetInvocation_failed_needsTargetResolution() {
        FailureEvent e = failure(event("Maintenance Window Task Target Invocation State-change Notification",
                "{\"window-id\":\"mw-0ed7251d3fcf6e0c2\",\"window-execution-id\":\"6417e808-7f35-4d1a-843f-123456789012\","
                        + "\"task-execution-id\":\"c9b05aba\",\"invocation-id\":\"c336d2ab\",\"status\":\"FAILED\"}"));

        assertThat(e.needsTargetResolution()).isTrue();
        assertThat(e.subjectId()).isEqualTo("6417e808-7f35-4d1a-843f-123456789012");
        assertThat(e.withTarget("i-0123456789abcdef0", "cmd-1").subjectId()).isEqualTo("i-0123456789abcdef0");
    }

    @Test
    void seedEvent_withoutIdOrTime_usesContentHashAndClock() {
        String json = "{\"detail-type\":\"Patch Manager Compliance State Change\",\"detail\":{\"instanceId\":\"i-0123456789abcdef0\","
                + "\"status\":\"Failed\",\"missingCount\":0,\"failedCount\":5,\"installedRejectedCount\":1}}";

        FailureEvent e = failure(json);

        assertThat(e.eventId()).startsWith("sha256-").hasSize(39).isEqualTo(failure(json).eventId());
        assertThat(e.eventTime()).isEqualTo(NOW);
        assertThat(e.counts()).isEqualTo(new FailureCounts(0, 5, 1));
    }

    @Test
    void seedEvent_compliant_isSkipped() {
        assertThat(skipReason(event("Patch Manager Compliance State Change",
                "{\"instanceId\":\"i-1\",\"status\":\"Compliant\",\"missingCount\":0}"))).isEqualTo("status is Compliant");
    }

    @Test
    void unknownDetailType_isSkipped() {
        assertThat(skipReason(event("EC2 Instance State-change Notification", "{\"state\":\"stopped\"}")))
                .contains("is not a patch failure shape");
    }

    @Test
    void notJson_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize("dnf failed"))
                .isInstanceOf(MalformedEventException.class).hasMessageStartingWith("event is not valid JSON");
    }

    @Test
    void emptyInput_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize("  "))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("event is empty");
    }

    @Test
    void array_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize("[{}]"))
                .isInstanceOf(MalformedEventException.class).hasMessage("event must be a JSON object, was ARRAY");
    }

    @Test
    void noDetail_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize("{\"detail-type\":\"X\"}"))
                .isInstanceOf(MalformedEventException.class).hasMessage("event has no \"detail\" object");
    }

    @Test
    void detailNotObject_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize("{\"detail-type\":\"X\",\"detail\":\"oops\"}"))
                .isInstanceOf(MalformedEventException.class).hasMessage("event \"detail\" must be an object, was STRING");
    }

    @Test
    void countOfWrongType_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize(event("Patch Manager Compliance State Change",
                "{\"instanceId\":\"i-1\",\"status\":\"Failed\",\"missingCount\":\"three\"}")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("detail.missingCount must be a non-negative integer, was \"three\"");
    }

    @Test
    void statusOfWrongType_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize(event("EC2 Command Invocation Status-change Notification",
                "{\"instance-id\":\"i-1\",\"status\":7}")))
                .isInstanceOf(MalformedEventException.class).hasMessage("detail.status must be a string, was 7");
    }

    @Test
    void failureWithoutInstance_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize(event("EC2 Command Invocation Status-change Notification",
                "{\"command-id\":\"c\",\"status\":\"Failed\"}")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("EC2 Command Invocation Status-change Notification event with status Failed has no detail.instance-id");
    }

    @Test
    void instanceIdClimbingPaths_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize(event("EC2 Command Invocation Status-change Notification",
                "{\"instance-id\":\"../../_signatures/x\",\"status\":\"Failed\"}")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("detail.instance-id is not a valid id: '../../_signatures/x'");
    }

    @Test
    void badTime_isMalformed() {
        assertThatThrownBy(() -> normalizer.normalize(event("X", "{}").replace("2026-11-21T02:13:09Z", "yesterday")))
                .isInstanceOf(MalformedEventException.class).hasMessage("time is not an ISO-8601 time: 'yesterday'");
    }

    private static final String CMD_FAILED = "{\"command-id\":\"c-1\",\"instance-id\":\"i-0a1b2c3d4e5f60718\","
            + "\"document-name\":\"AWS-RunShellScript\",\"status\":\"Failed\"}";

    private static String commandEvent(String time, String region, String detail) {
        return "{\"version\":\"0\",\"id\":\"ev-1\",\"detail-type\":\"EC2 Command Invocation Status-change Notification\","
                + "\"source\":\"aws.ssm\",\"account\":\"123456789012\",\"time\":\"" + time + "\",\"region\":\"" + region
                + "\",\"detail\":" + detail + "}";
    }

    @Test
    void strict_wellFormedCommandEvent_isStillAFailure() {
        assertThat(failure(commandEvent("2026-11-21T02:13:09Z", "us-east-2", CMD_FAILED)).instanceId())
                .isEqualTo("i-0a1b2c3d4e5f60718");
    }

    @Test
    void strict_duplicateStatusKey_isMalformedNotSkipped() {
        // "Failed" then "Success": last-wins used to turn a failure into a skip
        String detail = CMD_FAILED.replace("\"status\":\"Failed\"", "\"status\":\"Failed\",\"status\":\"Success\"");
        assertThatThrownBy(() -> normalizer.normalize(commandEvent("2026-11-21T02:13:09Z", "us-east-2", detail)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("key given twice").hasMessageContaining("status");
    }

    @Test
    void strict_duplicateTopLevelKey_isMalformed() {
        String json = commandEvent("2026-11-21T02:13:09Z", "us-east-2", CMD_FAILED).replace("{\"version\":\"0\",",
                "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",");
        assertThatThrownBy(() -> normalizer.normalize(json))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("key given twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {" {}", " garbage", "\n{\"detail-type\":\"x\"}", " 1"})
    void strict_dataAfterTheEvent_isMalformed(String trailer) {
        assertThatThrownBy(() -> normalizer.normalize(commandEvent("2026-11-21T02:13:09Z", "us-east-2", CMD_FAILED) + trailer))
                .isInstanceOf(MalformedEventException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-2; rm -rf /", "US-EAST-2", "us-east-2/../x", "", "useast2", "us-east-2\\n"})
    void strict_regionThatIsNoRegionName_isMalformed(String region) {
        assertThatThrownBy(() -> normalizer.normalize(commandEvent("2026-11-21T02:13:09Z", region, CMD_FAILED)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("region");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-gov-west-1", "eu-central-1", "ap-southeast-5", "il-central-1"})
    void strict_realRegionNames_areAccepted(String region) {
        assertThat(failure(commandEvent("2026-11-21T02:13:09Z", region, CMD_FAILED)).region()).isEqualTo(region);
    }

    @Test
    void strict_accountThatIsNoAccountId_isMalformed() {
        String json = commandEvent("2026-11-21T02:13:09Z", "us-east-2", CMD_FAILED).replace("123456789012", "1234; id");
        assertThatThrownBy(() -> normalizer.normalize(json)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("account");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999-12-31T23:59:59Z", "+1000000000-01-01T00:00:00Z", "2026-11-27T12:00:01Z",
            "2025-10-01T00:00:00Z", "1970-01-01T00:00:00Z"})
    void strict_eventTimeOutsideTheWindowOfNow_isMalformed(String time) {
        // NOW is 2026-11-26T12:00Z: more than a day ahead or 400 days behind is not a real delivery
        assertThatThrownBy(() -> normalizer.normalize(commandEvent(time, "us-east-2", CMD_FAILED)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("time");
    }

    @Test
    void strict_eventTimeWithinTheWindow_isAccepted() {
        assertThat(failure(commandEvent("2026-11-27T11:59:00Z", "us-east-2", CMD_FAILED)).eventTime())
                .isEqualTo(Instant.parse("2026-11-27T11:59:00Z"));
        assertThat(failure(commandEvent("2025-11-01T00:00:00Z", "us-east-2", CMD_FAILED)).eventTime())
                .isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
    }
}
