package io.patchctl.core.rollout;

import java.time.Instant;

/** What a promotion did. */
public sealed interface PromotionResult {

    /** This promotion wrote {@code approval} (its version is new). */
    record Written(RingApproval approval, int added, String key) implements PromotionResult { }

    /** Nothing new to approve: the latest approval already holds every soaked build (perhaps written by a concurrent promotion). */
    record UpToDate(RingApproval approval) implements PromotionResult { }

    /** The previous ring has successes, but none has soaked yet; {@code earliest} is when the first one will have. */
    record NotSoaked(Instant earliest, int pendingBuilds) implements PromotionResult { }
}
