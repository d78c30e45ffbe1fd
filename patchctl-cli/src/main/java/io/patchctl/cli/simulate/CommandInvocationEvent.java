package io.patchctl.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.internal.json.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Builds the EventBridge event AWS Systems Manager emits when one Run Command invocation changes
 * status ({@code EC2 Command Invocation Status-change Notification}, source {@code aws.ssm}), so a
 * simulated failure reaches the insights code in exactly the shape production delivers.
 *
 * <p>Field names follow AWS's published example: top-level {@code version, id, detail-type, source,
 * account, time, region, resources}; {@code detail} has {@code command-id, document-name,
 * instance-id, requested-date-time, status}.
 */
public final class CommandInvocationEvent {

    public static final String DETAIL_TYPE = "EC2 Command Invocation Status-change Notification";
    public static final String SOURCE = "aws.ssm";

    /** Run Command's terminal statuses for an invocation that did not succeed. */
    public enum Status {
        Failed, TimedOut, Cancelled, Undeliverable, Success
    }

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    /** Event times carry whole seconds; requested-date-time carries milliseconds, as AWS sends them. */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ISO_INSTANT;

    private final String account;
    private final String region;
    private final String documentName;

    /**
     * @param account      12-digit AWS account id the simulated fleet pretends to live in
     * @param region       e.g. us-east-2
     * @param documentName the SSM document that ran the agent
     */
    public CommandInvocationEvent(String account, String region, String documentName) {
        if (account == null || !ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("account must be 12 digits, was '" + account + "'");
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must look like us-east-2, was '" + region + "'");
        }
        this.account = account;
        this.region = region;
        this.documentName = Objects.requireNonNull(documentName, "documentName");
    }

    /**
     * @param eventId     EventBridge event id (redelivery keeps it; a new status change gets a new one)
     * @param instanceId  the host
     * @param commandId   the Run Command id shared by every host of the cycle
     * @param status      the invocation's new status
     * @param requestedAt when the command was sent to the host
     * @param eventTime   when the status changed
     */
    public ObjectNode build(UUID eventId, String instanceId, String commandId, Status status,
                            Instant requestedAt, Instant eventTime) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("version", "0");
        event.put("id", eventId.toString());
        event.put("detail-type", DETAIL_TYPE);
        event.put("source", SOURCE);
        event.put("account", account);
        event.put("time", eventTime.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add("arn:aws:ec2:" + region + ":" + account + ":instance/" + instanceId);
        ObjectNode detail = event.putObject("detail");
        detail.put("command-id", commandId);
        detail.put("document-name", documentName);
        detail.put("instance-id", instanceId);
        detail.put("requested-date-time", MILLIS.format(requestedAt.truncatedTo(ChronoUnit.MILLIS)));
        detail.put("status", status.name());
        return event;
    }

    /** Maps an agent exit code to the status Run Command reports: any non-zero exit is Failed. */
    public static Status statusForExitCode(int exitCode) {
        return exitCode == 0 ? Status.Success : Status.Failed;
    }
}
