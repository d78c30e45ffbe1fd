package io.patchctl.core.insights.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.insights.Sha256;
import io.patchctl.core.json.Json;
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
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event is not valid JSON: " + e.getOriginalMessage(), e);
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
        return new EventIdentity(id, time != null ? time : clock.instant(), envelope.envelopeText("region"));
    }
}
