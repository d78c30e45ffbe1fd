package io.patchctl.core.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a run's plan came from, as the report's {@code advisor.plan_cache} says it ("hit", "miss", "off"). */
public enum PlanCacheStatus {
    /** A plan another host computed was reused. */
    HIT,
    /** This run asked the model and shared the plan. */
    MISS,
    /** No plan cache, or it was unavailable: planned without sharing. */
    OFF;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the report's value; unknown or missing (older reports) is OFF. */
    @JsonCreator
    public static PlanCacheStatus of(String id) {
        if (id != null) {
            for (PlanCacheStatus s : values()) {
                if (s.id().equalsIgnoreCase(id.strip())) {
                    return s;
                }
            }
        }
        return OFF;
    }

    @Override
    public String toString() {
        return id();
    }
}
