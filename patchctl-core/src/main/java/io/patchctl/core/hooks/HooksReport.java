package io.patchctl.core.hooks;

import java.util.List;

/**
 * The RunReport's {@code hooks} section (absent when the policy sets no hooks).
 *
 * @param results             every hook that ran, in order, with its redacted output tail
 * @param rollbackUnavailable checked before installing (only with a post_install hook): packages whose
 *                            installed version no enabled repository offers any more, so an undo could not
 *                            return to it; each as {@code name-evr.arch}
 * @param transactionId       dnf's history id of our upgrade, recorded right after it; null when not recorded
 * @param rollback            the undo after a failed post_install hook; null when none was needed
 */
public record HooksReport(List<HookResult> results, List<String> rollbackUnavailable, Long transactionId,
                          RollbackResult rollback) {
    public HooksReport {
        results = results == null ? List.of() : List.copyOf(results);
        rollbackUnavailable = rollbackUnavailable == null ? List.of() : List.copyOf(rollbackUnavailable);
    }

    /** The section of a run that only ran hooks, no install (the resumed run's post_reboot check). */
    public static HooksReport of(HookResult... results) {
        return new HooksReport(List.of(results), List.of(), null, null);
    }
}
