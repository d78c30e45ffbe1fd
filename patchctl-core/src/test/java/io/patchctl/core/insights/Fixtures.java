package io.patchctl.core.insights;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.patchctl.core.insights.event.FailureEvent;
import java.time.Instant;
import java.util.List;

/** Events and contexts for the analyst tests. */
final class Fixtures {

    static final String INSTANCE = "i-0a1b2c3d4e5f60718";
    static final String COMMAND = "e8d3c0e4-71f7-4491-898f-c9b35bee5f3b";

    private Fixtures() {
    }

    static FailureEvent commandFailed(String status) {
        return FailureEvent.builder().eventId("ev-1").eventTime(Instant.parse("2026-11-21T02:14:02Z"))
                .detailType("EC2 Command Invocation Status-change Notification").region("us-east-2")
                .instanceId(INSTANCE).status(status).commandId(COMMAND).documentName("dev-rhel8-bedrock-patch")
                .raw(JsonNodeFactory.instance.objectNode()).build();
    }

    static FailureContext context(String capturedFile) {
        String log = capturedFile == null ? "" : DnfErrorClassifierTest.captured(capturedFile);
        Evidence evidence = capturedFile == null ? Evidence.NONE
                : new Evidence(null, "", List.of("bedrock-patch/dev/" + COMMAND + "/" + INSTANCE + "/stdout"), log);
        return FailureContext.of(commandFailed("Failed"), "dev", "us-west-2", evidence);
    }
}
