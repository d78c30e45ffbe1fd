package io.patchctl.core.hooks;

import java.util.Map;

/**
 * Port: runs one operator hook (the process adapter is in patchctl-dnf, the only module that starts
 * processes). Implementations run {@link HookSpec#command()} as an argument vector, never through a
 * shell, with the agent's environment plus {@link HookSpec#environment()} plus {@code context}
 * (which wins), stdin closed, and kill the hook's whole process tree at {@link HookSpec#timeout()}.
 */
public interface HookRunner {

    /** Never throws for a failing hook: a hook that fails, hangs or cannot start is a result. */
    HookResult run(HookPhase phase, HookSpec spec, Map<String, String> context);
}
