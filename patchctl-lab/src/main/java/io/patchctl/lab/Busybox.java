package io.patchctl.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds a statically linked busybox to serve as /bin/sh inside installroots (scriptlets run chrooted there). */
final class Busybox {

    private static final List<String> CANDIDATES = List.of("/bin/busybox", "/usr/bin/busybox", "/usr/sbin/busybox",
            "/sbin/busybox");

    private Busybox() {
    }

    static Path locate() {
        for (String c : CANDIDATES) {
            Path p = Path.of(c);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                if (isDynamic(p)) {
                    throw new LabException(p + " is dynamically linked and cannot run inside an installroot;"
                            + " install busybox-static (scripts/install-deps.sh)");
                }
                return p;
            }
        }
        throw new LabException("busybox not found in " + CANDIDATES + "; install busybox-static (scripts/install-deps.sh)");
    }

    /** A dynamic ELF names its loader (PT_INTERP) near the start of the file. */
    private static boolean isDynamic(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(4096);
            return new String(head, StandardCharsets.ISO_8859_1).contains("/ld-linux");
        } catch (IOException e) {
            return false;
        }
    }
}
