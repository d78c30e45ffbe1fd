package io.patchctl.core.host;

import java.util.Optional;

/**
 * Port: the release of the kernel the host booted ({@code uname -r}, e.g. {@code 4.18.0-553.2.el8.x86_64}).
 * An installroot has no running kernel of its own: the lab and simulate hand in the kernel they
 * "booted", which is how a reboot is simulated.
 */
@FunctionalInterface
public interface RunningKernel {

    /** Empty when it cannot be read. */
    Optional<String> release();

    static RunningKernel unknown() {
        return Optional::empty;
    }

    static RunningKernel fixed(String release) {
        Optional<String> r = Optional.of(release);
        return () -> r;
    }
}
