package io.patchctl.core.hooks;

import java.util.Optional;

/**
 * The post_reboot health check, for the run that resumes after the reboot a run asked for (exit 194,
 * issue 15 §2). The resume path calls {@link #run} once it has verified the running kernel, and
 * treats an empty result as "no hook set" and a failed result as a FAILED run carrying
 * {@link HookResult#summary()}: after a reboot there is no transaction left to undo, so the operator
 * decides. The result goes into the RunReport's {@code hooks.results}:
 * {@code RunReport.builder()...hooks(HooksReport.of(result))}.
 *
 * <pre>
 * Optional&lt;HookResult&gt; check = new PostRebootCheck(policy.hooks(), hookRunner)
 *         .run(new HookContext(runId, installroot, approved, installedBeforeReboot));
 * </pre>
 */
public final class PostRebootCheck {

    private final HookPolicy policy;
    private final HookRunner runner;

    public PostRebootCheck(HookPolicy policy, HookRunner runner) {
        this.policy = policy == null ? HookPolicy.none() : policy;
        this.runner = runner;
    }

    /** Runs the post_reboot hook with the resumed run's context; empty when the policy sets none. */
    public Optional<HookResult> run(HookContext context) {
        return policy.hook(HookPhase.POST_REBOOT)
                .map(spec -> runner.run(HookPhase.POST_REBOOT, spec, context.environment(HookPhase.POST_REBOOT)));
    }
}
