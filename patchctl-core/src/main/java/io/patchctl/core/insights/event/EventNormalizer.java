package io.patchctl.core.insights.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.internal.hash.Sha256;
import io.patchctl.core.internal.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads any supported event shape into a {@link EventVerdict}: one failure, or a skip with the reason. */
public final class EventNormalizer {

    private static final List<EventShape> SHAPES = List.of(
            new ComplianceStateChangeShape(),
            new CommandInvocationShape(),
            new WindowTargetInvocationShape(),
            new SeedComplianceShape());

    /**
     * Strict JSON: a key given twice is an error (a "status":"Failed" followed by "status":"Success"
     * must not silently become a skipped event), and so is anything after the one event object (a
     * second concatenated event would otherwise be dropped unseen).
     */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = Json.mapper().reader()
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** AWS region names: us-east-2, eu-central-1, us-gov-west-1, ap-southeast-5. */
    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("[0-9]{12}");
    /**
     * Event times outside [now - MAX_AGE, now + MAX_SKEW] are malformed: a year-9999 report would stay
     * the host's "latest" forever. The past bound covers SQS retention plus DLQ redrives (14 + 14 days)
     * and replays from an archive with a wide margin; the future bound covers clock skew.
     */
    public static final java.time.Duration MAX_AGE = java.time.Duration.ofDays(400);
    public static final java.time.Duration MAX_SKEW = java.time.Duration.ofDays(1);

    private final Map<String, EventShape> byDetailType;
    private final Clock clock;

    public EventNormalizer(Clock clock) {
        this.clock = clock;
        this.byDetailType = SHAPES.stream().collect(Collectors.toUnmodifiableMap(EventShape::detailType, Function.identity()));
    }

    /** @throws MalformedEventException when the text is not a JSON object or the event is not well formed */
    public EventVerdict normalize(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedEventException("event is empty (expected an EventBridge event JSON object)");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new MalformedEventException("event has data after the JSON object (expected exactly one event): "
                    + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage();
            throw new MalformedEventException(m != null && m.startsWith("Duplicate field")
                    ? "event has a key given twice (" + m + "); each key may appear once"
                    : "event is not valid JSON: " + m, e);
        }
        return normalize(root);
    }

    /** @throws MalformedEventException when the node is not a well-formed event */
    public EventVerdict normalize(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("event must be a JSON object, was " + (root == null ? "nothing" : root.getNodeType()));
        }
        JsonNode detailTypeNode = root.get("detail-type");
        if (detailTypeNode == null || !detailTypeNode.isTextual()) {
            throw new MalformedEventException("event has no string \"detail-type\" (expected an EventBridge event)");
        }
        JsonNode detail = root.get("detail");
        if (detail == null) {
            throw new MalformedEventException("event has no \"detail\" object");
        }
        if (!detail.isObject()) {
            throw new MalformedEventException("event \"detail\" must be an object, was " + detail.getNodeType());
        }
        String detailType = detailTypeNode.textValue();
        EventEnvelope envelope = new EventEnvelope(root, (ObjectNode) detail, detailType);
        EventIdentity identity = identity(envelope);
        EventShape shape = byDetailType.get(detailType);
        if (shape == null) {
            return new EventVerdict.Skip(detailType, "detail-type '" + EventEnvelope.abbreviate(detailType) + "' is not a patch failure shape");
        }
        return shape.read(envelope, identity);
    }

    private EventIdentity identity(EventEnvelope envelope) {
        String id = envelope.envelopeText("id");
        if (id == null || id.isBlank()) {
            // A console test event has no id: its content identifies it, so a redelivery is still recognised.
            id = "sha256-" + Sha256.hex(envelope.raw().toString()).substring(0, 32);
        }
        Instant time = EventEnvelope.parseTime(envelope.envelopeText("time"), "time");
        Instant now = clock.instant();
        if (time != null && (time.isAfter(now.plus(MAX_SKEW)) || time.isBefore(now.minus(MAX_AGE)))) {
            throw new MalformedEventException("event time " + time + " is outside the accepted window of now ("
                    + now.minus(MAX_AGE) + " .. " + now.plus(MAX_SKEW) + ")");
        }
        String region = envelope.envelopeText("region");
        if (region != null && !REGION.matcher(region).matches()) {
            throw new MalformedEventException("event region is not an AWS region name: '" + EventEnvelope.abbreviate(region) + "'");
        }
        String account = envelope.envelopeText("account");
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw new MalformedEventException("event account is not a 12-digit AWS account id: '"
                    + EventEnvelope.abbreviate(account) + "'");
        }
        return new EventIdentity(id, time != null ? time : now, region);
    }
}
