package io.patchctl.core.plan;

import java.util.Objects;

/**
 * Something an advisor proposed that PolicyGuard refused, and why. {@code item} is the proposal
 * as received (shortened if huge): it is recorded, never executed.
 */
public record Rejection(String item, String reason) {

    /** Hostile proposals can be arbitrarily long; reports keep a bounded prefix. */
    public static final int MAX_ITEM_LENGTH = 200;

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        item = item == null ? "" : item;
        if (item.length() > MAX_ITEM_LENGTH) {
            item = item.substring(0, MAX_ITEM_LENGTH) + "…";
        }
    }
}
