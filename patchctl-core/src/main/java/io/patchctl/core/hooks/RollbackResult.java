package io.patchctl.core.hooks;

import java.util.List;

/**
 * The undo of our own transaction after a failed post_install health check.
 *
 * @param transactionId the dnf history id recorded right after the upgrade (before the hook ran); null
 *                      when dnf's last transaction was not ours, so nothing was undone
 * @param attempted     {@code dnf history undo} was run
 * @param success       the undo succeeded and rpm shows every package back at its version before the run
 * @param restored      {@code name.arch evr} of each package rpm shows back at its old version
 * @param notRestored   {@code name.arch: expected X, found Y} for each that is not
 * @param error         why the rollback failed, else null
 * @param outputTail    the end of dnf's undo output
 */
public record RollbackResult(Long transactionId, boolean attempted, boolean success, List<String> restored,
                             List<String> notRestored, String error, String outputTail) {
    public RollbackResult {
        restored = restored == null ? List.of() : List.copyOf(restored);
        notRestored = notRestored == null ? List.of() : List.copyOf(notRestored);
    }
}
