package io.patchctl.core.insights.event;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A set of SSM status words matched regardless of case, spaces, '_' and '-': SSM spells one status
 * "TimedOut", "TIMED_OUT" or "Delivery Timed Out" depending on the API and event, and a failure
 * missed for its spelling would go unexplained.
 */
final class StatusSet {

    private final Set<String> keys;

    private StatusSet(Set<String> keys) {
        this.keys = keys;
    }

    static StatusSet of(String... statuses) {
        return new StatusSet(Set.of(statuses).stream().map(StatusSet::key).collect(Collectors.toUnmodifiableSet()));
    }

    boolean contains(String status) {
        return status != null && keys.contains(key(status));
    }

    private static String key(String status) {
        return status.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
    }
}
