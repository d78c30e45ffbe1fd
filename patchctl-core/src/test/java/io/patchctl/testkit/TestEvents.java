package io.patchctl.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Events for tests: the corpus files, and command-failure events made to order. */
public final class TestEvents {

    private TestEvents() {
    }

    public static String corpus(String name) {
        try (InputStream in = TestEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file events/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Run Command failure on {@code instanceId}, as EventBridge sends it. */
    public static String commandFailed(String eventId, String time, String instanceId, String commandId) {
        return """
                {"version":"0","id":"%s","detail-type":"EC2 Command Invocation Status-change Notification",
                 "source":"aws.ssm","account":"123456789012","time":"%s","region":"us-east-2",
                 "resources":["arn:aws:ec2:us-east-2:123456789012:instance/%s"],
                 "detail":{"command-id":"%s","document-name":"dev-rhel8-bedrock-patch","instance-id":"%s",
                           "requested-date-time":"2026-11-21T02:10:00.741Z","status":"Failed"}}
                """.formatted(eventId, time, instanceId, commandId, instanceId);
    }

    public static String commandOutputKey(String commandId, String instanceId, String stream) {
        return "bedrock-patch/dev/" + commandId + "/" + instanceId + "/awsrunShellScript/0.awsrunShellScript/" + stream;
    }

    public static String runReport(String instanceId, String error) {
        return """
                {"schema":"patchctl.run-report/v1","run_id":"6b1f8c3e-0000-4000-8000-000000000001",
                 "timestamp":"2026-11-21T02:10:05Z","environment":"dev","instance_id":"%s","mode":"PATCH",
                 "status":"FAILED","exit_code":4,
                 "transaction_test":{"ran":true,"success":false,"exit_code":1,"error":%s},
                 "apply":{"ran":false,"success":false,"exit_code":null,"installed":[],"error":null,"output_tail":""},
                 "error":"dnf transaction test failed"}
                """.formatted(instanceId, io.patchctl.core.internal.json.Json.mapper().valueToTree(error).toString());
    }
}
