package io.patchctl.core.hooks;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.host.TransactionOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator hooks around one upgrade and the rollback they can trigger (docs/host-agent.md
 * "Hooks and rollback"). One instance per run; {@link #report()} is what the RunReport records.
 *
 * <ol>
 *   <li>{@link #checkRollbackPossible} (only with a post_install hook): one dnf call asks which of the
 *       versions installed now no enabled repository offers any more: an undo could not return to them.</li>
 *   <li>{@link #preInstall()}: a failing pre_install hook stops the run before dnf changes anything.</li>
 *   <li>{@link #afterUpgrade}: records dnf's transaction id first (so a transaction the hook itself starts
 *       can never be mistaken for ours), runs the post_install health check, and when it fails undoes exactly
 *       that transaction and checks with rpm that every package is back at its version before the run.</li>
 * </ol>
 */
public final class HookedInstall {

    /** How a post_install health check ended the run. */
    public enum AfterUpgrade {
        /** No post_install hook, or nothing was installed, or the upgrade itself failed. */
        NOT_RUN,
        PASSED,
        /** The hook failed; our transaction was undone and rpm shows the old versions back. */
        ROLLED_BACK,
        /** The hook failed and the undo failed, was impossible, or left a package at another version. */
        ROLLBACK_FAILED
    }

    private final HookPolicy policy;
    private final HookRunner runner;
    private final PackageManager packageManager;
    private HookContext context;
    private final List<HookResult> results = new ArrayList<>();
    private List<String> rollbackUnavailable = List.of();
    private Long transactionId;
    private RollbackResult rollback;

    public HookedInstall(HookPolicy policy, HookRunner runner, PackageManager packageManager, HookContext context) {
        this.policy = policy == null ? HookPolicy.none() : policy;
        this.runner = runner;
        this.packageManager = packageManager;
        this.context = context;
    }

    /** True when the policy sets a hook that runs around an install. */
    public boolean active() {
        return policy.preInstall() != null || policy.postInstall() != null;
    }

    /**
     * With a post_install hook: the approved packages whose installed version cannot be fetched again
     * ({@code name-evr.arch}); one package-manager call. Empty (and no call) without that hook.
     */
    public List<String> checkRollbackPossible(List<SecurityUpdate> discovered, List<String> approved) {
        if (policy.postInstall() == null) {
            return List.of();
        }
        Map<String, String> nevras = new LinkedHashMap<>();
        for (SecurityUpdate u : discovered) {
            if (approved.contains(u.name()) && u.installedEvr() != null) {
                nevras.putIfAbsent(u.name() + "." + u.arch(), u.name() + "-" + u.installedEvr() + "." + u.arch());
            }
        }
        if (nevras.isEmpty()) {
            return List.of();
        }
        Set<String> missing = packageManager.unavailableVersions(nevras.values());
        rollbackUnavailable = nevras.values().stream().filter(missing::contains).toList();
        return rollbackUnavailable;
    }

    /** Runs the pre_install hook; empty when there is none. The caller stops the run when it failed. */
    public Optional<HookResult> preInstall() {
        return policy.hook(HookPhase.PRE_INSTALL).map(spec -> record(runner.run(HookPhase.PRE_INSTALL, spec,
                context.environment(HookPhase.PRE_INSTALL))));
    }

    /** The post_install step; see the class comment. {@code discovered} carries the versions before the run. */
    public AfterUpgrade afterUpgrade(TransactionOutcome apply, List<SecurityUpdate> discovered) {
        HookSpec spec = policy.postInstall();
        if (spec == null || !apply.success() || apply.installed().isEmpty()) {
            return AfterUpgrade.NOT_RUN;
        }
        transactionId = packageManager.lastTransactionId(apply.installed()).orElse(null);
        context = context.withInstalled(apply.installed());
        HookResult check = record(runner.run(HookPhase.POST_INSTALL, spec, context.environment(HookPhase.POST_INSTALL)));
        if (check.success()) {
            return AfterUpgrade.PASSED;
        }
        if (transactionId == null) {
            rollback = new RollbackResult(null, false, false, List.of(), List.of(),
                    "dnf's last transaction is not the one this run made (or its history is unreadable): nothing was undone", null);
            return AfterUpgrade.ROLLBACK_FAILED;
        }
        TransactionOutcome undo = packageManager.undo(transactionId);
        rollback = verify(transactionId, undo, before(discovered, apply.installed()));
        return rollback.success() ? AfterUpgrade.ROLLED_BACK : AfterUpgrade.ROLLBACK_FAILED;
    }

    /** The hook's result; the last one recorded for {@code phase}, if any ran. */
    public Optional<HookResult> result(HookPhase phase) {
        return results.stream().filter(r -> r.phase().equals(phase.key())).reduce((a, b) -> b);
    }

    /** The one-line error a run reports for the outcome of {@link #afterUpgrade}. */
    public String describe(AfterUpgrade outcome) {
        String hook = result(HookPhase.POST_INSTALL).map(HookResult::summary).orElse("post_install hook");
        return switch (outcome) {
            case ROLLED_BACK -> hook + "; rolled back dnf transaction " + transactionId + ": "
                    + String.join(", ", rollback.restored()) + " back";
            case ROLLBACK_FAILED -> hook + "; rollback of dnf transaction " + (transactionId == null ? "(unknown)" : transactionId)
                    + " failed: " + rollback.error();
            default -> hook;
        };
    }

    /** The report section; null when the policy sets no hooks. */
    public HooksReport report() {
        if (policy.isEmpty()) {
            return null;
        }
        return new HooksReport(results, rollbackUnavailable, transactionId, rollback);
    }

    private HookResult record(HookResult result) {
        results.add(result);
        return result;
    }

    /** name.arch to the EVR installed before the run, for the packages this transaction changed. */
    private static Map<String, String> before(List<SecurityUpdate> discovered, List<String> installed) {
        Map<String, String> before = new LinkedHashMap<>();
        for (SecurityUpdate u : discovered) {
            if (u.installedEvr() != null && installed.stream().anyMatch(n -> u.name().equals(nameOf(n)))) {
                before.putIfAbsent(u.name() + "." + u.arch(), u.installedEvr());
            }
        }
        return before;
    }

    /** The name of {@code name-[epoch:]version-release.arch}: names may hold '-', version and release may not. */
    static String nameOf(String nevra) {
        int dot = nevra.lastIndexOf('.');
        String nvr = dot < 0 ? nevra : nevra.substring(0, dot);
        int release = nvr.lastIndexOf('-');
        int version = release <= 0 ? -1 : nvr.lastIndexOf('-', release - 1);
        return version <= 0 ? nvr : nvr.substring(0, version);
    }

    private RollbackResult verify(long id, TransactionOutcome undo, Map<String, String> before) {
        Map<String, String> now = packageManager.currentEvrs(
                before.keySet().stream().map(k -> k.substring(0, k.lastIndexOf('.'))).distinct().toList());
        List<String> restored = new ArrayList<>();
        List<String> notRestored = new ArrayList<>();
        before.forEach((nameArch, evr) -> {
            String found = now.get(nameArch);
            if (evr.equals(found)) {
                restored.add(nameArch + " " + evr);
            } else {
                notRestored.add(nameArch + ": expected " + evr + ", found " + (found == null ? "not installed" : found));
            }
        });
        boolean ok = undo.success() && notRestored.isEmpty();
        String error = ok ? null : !undo.success() ? "dnf history undo " + id + ": " + undo.error()
                : "after the undo rpm shows " + String.join("; ", notRestored);
        return new RollbackResult(id, true, ok, restored, notRestored, error, undo.outputTail());
    }
}
