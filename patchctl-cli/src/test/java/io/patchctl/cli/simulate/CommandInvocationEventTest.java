package io.patchctl.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandInvocationEventTest {

    private final CommandInvocationEvent events = new CommandInvocationEvent("123456789012", "us-east-2",
            "patchctl-run");

    @Test
    void build_failedInvocation_hasTheFieldsAwsSends() throws Exception {
        UUID id = UUID.fromString("4780e1b8-f56b-4de5-95f2-95db273d1602");
        JsonNode event = events.build(id, "i-01ab0000000000003", "e8d3c0e4-71f7-4491-898f-c9b35bee5f3b",
                CommandInvocationEvent.Status.Failed,
                Instant.parse("2026-11-26T14:30:00.123456Z"), Instant.parse("2026-11-26T14:30:07.900Z"));

        // round trip through text, as EventBridge delivers it
        JsonNode parsed = Json.mapper().readTree(Json.mapper().writeValueAsString(event));
        assertThat(parsed.get("version").asText()).isEqualTo("0");
        assertThat(parsed.get("id").asText()).isEqualTo(id.toString());
        assertThat(parsed.get("detail-type").asText()).isEqualTo("EC2 Command Invocation Status-change Notification");
        assertThat(parsed.get("source").asText()).isEqualTo("aws.ssm");
        assertThat(parsed.get("account").asText()).isEqualTo("123456789012");
        assertThat(parsed.get("time").asText()).isEqualTo("2026-11-26T14:30:07Z");
        assertThat(parsed.get("region").asText()).isEqualTo("us-east-2");
        assertThat(parsed.get("resources").get(0).asText())
                .isEqualTo("arn:aws:ec2:us-east-2:123456789012:instance/i-01ab0000000000003");
        JsonNode detail = parsed.get("detail");
        List<String> names = List.copyOf(iterable(detail.fieldNames()));
        assertThat(names).containsExactly("command-id", "document-name", "instance-id", "requested-date-time", "status");
        assertThat(detail.get("instance-id").asText()).isEqualTo("i-01ab0000000000003");
        assertThat(detail.get("command-id").asText()).isEqualTo("e8d3c0e4-71f7-4491-898f-c9b35bee5f3b");
        assertThat(detail.get("document-name").asText()).isEqualTo("patchctl-run");
        assertThat(detail.get("requested-date-time").asText()).isEqualTo("2026-11-26T14:30:00.123Z");
        assertThat(detail.get("status").asText()).isEqualTo("Failed");
    }

    @Test
    void statusForExitCode_nonZeroIsFailedLikeRunCommand() {
        assertThat(CommandInvocationEvent.statusForExitCode(0)).isEqualTo(CommandInvocationEvent.Status.Success);
        assertThat(CommandInvocationEvent.statusForExitCode(3)).isEqualTo(CommandInvocationEvent.Status.Failed);
        assertThat(CommandInvocationEvent.statusForExitCode(4)).isEqualTo(CommandInvocationEvent.Status.Failed);
    }

    @Test
    void constructor_badAccountOrRegion_isRejected() {
        assertThatThrownBy(() -> new CommandInvocationEvent("12345", "us-east-2", "d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account must be 12 digits, was '12345'");
        assertThatThrownBy(() -> new CommandInvocationEvent("123456789012", "Mars", "d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region must look like us-east-2, was 'Mars'");
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        java.util.List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
