package io.patchctl.agent;

import io.patchctl.core.host.RunningKernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running kernel's release as {@code uname -r} prints it, read from {@code /proc/sys/kernel/osrelease}
 * (the same string, utsname's release; no process started).
 */
final class ProcRunningKernel implements RunningKernel {

    private final Path file;

    ProcRunningKernel(Path file) {
        this.file = file;
    }

    static ProcRunningKernel linux() {
        return new ProcRunningKernel(Path.of("/proc/sys/kernel/osrelease"));
    }

    @Override
    public Optional<String> release() {
        try {
            String r = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return r.isEmpty() ? Optional.empty() : Optional.of(r);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
