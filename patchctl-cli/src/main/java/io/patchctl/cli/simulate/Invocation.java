package io.patchctl.cli.simulate;

import java.time.Instant;
import java.util.Objects;

/**
 * One host's run within a cycle.
 *
 * @param index      position of the target in launch order
 * @param target     the host (instance id)
 * @param status     success, failure or not started
 * @param startedAt  when the scheduler launched it (null if not started)
 * @param finishedAt when it finished (null if not started)
 * @param result     what the task returned (null if it threw or never ran)
 * @param error      the exception message when the task threw, else null
 * @param <R>        the task's result type
 */
public record Invocation<R>(int index, String target, InvocationStatus status, Instant startedAt, Instant finishedAt,
                            R result, String error) {
    public Invocation {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
    }

    static <R> Invocation<R> notStarted(int index, String target) {
        return new Invocation<>(index, target, InvocationStatus.NOT_STARTED, null, null, null, null);
    }

    public boolean failed() {
        return status == InvocationStatus.FAILED;
    }
}
