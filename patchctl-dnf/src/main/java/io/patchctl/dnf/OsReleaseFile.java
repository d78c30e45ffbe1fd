package io.patchctl.dnf;

import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.ReleaseTrack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a root's os-release and derives what dnf needs from it. */
public final class OsReleaseFile {

    private static final Logger LOG = LoggerFactory.getLogger(OsReleaseFile.class);
    /** os-release(5): /etc/os-release, falling back to /usr/lib/os-release. */
    private static final List<String> CANDIDATES = List.of("etc/os-release", "usr/lib/os-release");
    private static final long MAX_BYTES = 64 * 1024;

    private OsReleaseFile() {
    }

    /** The distribution of {@code root} ({@code /} on a real host); {@link Distro#UNKNOWN} if unreadable. */
    public static Distro read(Path root) {
        for (String candidate : CANDIDATES) {
            Path file = root.resolve(candidate);
            try {
                if (Files.isRegularFile(file) && Files.size(file) <= MAX_BYTES) {
                    return Distro.parse(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("os-release unreadable file={} error={}", file, e.toString());
            }
        }
        return Distro.UNKNOWN;
    }

    /**
     * The operator's dnf arguments plus what the policy's release track needs: {@code --releasever=latest}
     * on Amazon Linux when the policy says {@code release: latest} (last, so it wins over an earlier
     * {@code --releasever}). Other distributions' repositories use {@code $releasever} as the major version:
     * "latest" would break them, so nothing is added there.
     */
    public static List<String> dnfArgs(List<String> operatorArgs, PatchPolicy policy, Distro distro) {
        List<String> args = new ArrayList<>(operatorArgs);
        if (policy.release() == ReleaseTrack.LATEST && distro.isAmazonLinux()) {
            args.add("--releasever=latest");
        }
        return List.copyOf(args);
    }
}
