package io.patchctl.core.campaign.fleet;

import java.util.List;
import java.util.Objects;

/**
 * Where a sent command stands.
 *
 * @param state       the command's own status
 * @param targetCount how many hosts the targets resolved to (0 until they are resolved, or when none match)
 * @param invocations the invocations known so far
 */
public record CommandProgress(InvocationState state, int targetCount, List<HostInvocation> invocations) {
    public CommandProgress {
        Objects.requireNonNull(state, "state");
        invocations = invocations == null ? List.of() : List.copyOf(invocations);
    }

    /** The command and every invocation it will have are finished. */
    public boolean finished() {
        return state.terminal() && invocations.size() >= targetCount && invocations.stream().allMatch(i -> i.state().terminal());
    }
}
