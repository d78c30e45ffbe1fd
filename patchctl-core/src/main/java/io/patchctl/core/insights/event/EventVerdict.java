package io.patchctl.core.insights.event;

import java.util.Objects;

/** What an event means for insights: a failure to analyse, or something to skip (with why). */
public sealed interface EventVerdict {

    record Failure(FailureEvent event) implements EventVerdict {
        public Failure {
            Objects.requireNonNull(event, "event");
        }
    }

    record Skip(String detailType, String reason) implements EventVerdict {
        public Skip {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
