package io.patchctl.core.insights.event;

import java.time.Instant;

/** Envelope facts every shape needs: the event id, its time and region. */
public record EventIdentity(String eventId, Instant eventTime, String region) {
}
