package io.patchctl.core.insights.event;

/**
 * One EventBridge detail-type that can say "a host failed to patch". A new shape is one new class
 * registered in {@link EventNormalizer}.
 */
public interface EventShape {

    /** The {@code detail-type} this shape reads. */
    String detailType();

    /**
     * @param event    the event, with checked access to its detail
     * @param identity its id, time and region, already resolved from the envelope
     * @return a failure to analyse, or a skip with the reason
     * @throws MalformedEventException when a field has the wrong type or a failure names no target
     */
    EventVerdict read(EventEnvelope event, EventIdentity identity);
}
