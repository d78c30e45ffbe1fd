package io.patchctl.core.plan;

import java.util.List;
import java.util.Optional;

/**
 * What a model reply yielded: a plan, or the reason there is none; plus every part of the reply
 * that was refused (recorded in the report, never run).
 *
 * @param plan       the plan, empty when the reply is unusable
 * @param failure    why there is no plan (null when there is one)
 * @param rejections refused parts, each "reason: item"
 * @param format     "json", "dnf-lines" or "none"
 */
public record ParsedReply(Optional<PatchPlan> plan, String failure, List<String> rejections, String format) {

    public ParsedReply {
        plan = plan == null ? Optional.empty() : plan;
        rejections = rejections == null ? List.of() : List.copyOf(rejections);
        if (plan.isEmpty() && (failure == null || failure.isBlank())) {
            throw new IllegalArgumentException("a reply without a plan needs a failure reason");
        }
    }

    static ParsedReply ok(PatchPlan plan, List<String> rejections, String format) {
        return new ParsedReply(Optional.of(plan), null, rejections, format);
    }

    static ParsedReply failed(String failure, List<String> rejections) {
        return new ParsedReply(Optional.empty(), failure, rejections, "none");
    }
}
