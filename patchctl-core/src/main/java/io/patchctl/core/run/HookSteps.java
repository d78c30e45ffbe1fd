package io.patchctl.core.run;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.hooks.HookContext;
import io.patchctl.core.hooks.HookPolicy;
import io.patchctl.core.hooks.HookResult;
import io.patchctl.core.hooks.HookRunner;
import io.patchctl.core.hooks.HookedInstall;
import io.patchctl.core.host.PackageManager;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * AgentWorkflow's use of {@link HookedInstall}, kept out of the workflow so that it stays a list of
 * steps: before the install (rollback check, pre_install hook) and the run status a post_install
 * outcome gives.
 *
 * @param failure why the run must stop before installing (pre_install failed, no hook runner); else null
 */
record HookSteps(HookedInstall install, String failure) {

    /** Empty when the policy sets no hook around the install: then no dnf call and no process is added. */
    static Optional<HookSteps> beforeInstall(RunRequest request, String runId, List<String> approved,
                                             List<SecurityUpdate> discovered, PackageManager packageManager,
                                             HookRunner runner, List<String> notes) {
        HookPolicy policy = request.policy().hooks();
        HookContext context = new HookContext(runId, request.installroot(), approved, List.of());
        HookedInstall install = new HookedInstall(policy, runner, packageManager, context);
        if (!install.active()) {
            return Optional.empty();
        }
        if (runner == null) {
            return Optional.of(new HookSteps(install, "the policy sets hooks but this agent has no hook runner: nothing was installed"));
        }
        List<String> unavailable = install.checkRollbackPossible(discovered, approved);
        if (!unavailable.isEmpty()) {
            notes.add("rollback not possible for " + String.join(", ", unavailable)
                    + ": no enabled repository offers the installed version any more, so a failed post_install"
                    + " health check could not undo their update");
        }
        Optional<HookResult> pre = install.preInstall();
        if (pre.isPresent() && !pre.get().success()) {
            return Optional.of(new HookSteps(install, pre.get().summary() + "; nothing was installed"));
        }
        return Optional.of(new HookSteps(install, null));
    }

    /** Sets the run's status from the post_install outcome: ROLLED_BACK, or FAILED when the rollback failed. */
    static void applyOutcome(HookSteps steps, HookedInstall.AfterUpgrade outcome, Consumer<String> rolledBack,
                             Consumer<String> failed) {
        switch (outcome) {
            case ROLLED_BACK -> rolledBack.accept(steps.install().describe(outcome));
            case ROLLBACK_FAILED -> failed.accept(steps.install().describe(outcome));
            default -> {
            }
        }
    }
}
