package io.patchctl.core.reboot;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The marker on disk: written atomically (temp file + rename, so a crash never leaves half a
 * marker), read strictly. A marker that does not parse, has another schema, or names another
 * instance or installroot is never acted on and never deleted: {@link Read#problem()} says why, and
 * the operator decides (the file is evidence of what happened before the reboot).
 */
public final class RebootMarkerFile {

    public static final String FILE_NAME = "reboot-pending.json";
    /** Enough for thousands of kernel advisories; a bigger file is not ours. */
    private static final long MAX_BYTES = 1 << 20;

    private final Path file;

    public RebootMarkerFile(Path stateDir) {
        this.file = stateDir.resolve(FILE_NAME);
    }

    public Path path() {
        return file;
    }

    /** What was found: nothing, a marker of this host, or a file that cannot be used (with the problem). */
    public record Read(Optional<RebootMarker> marker, String problem) {
        static Read none() {
            return new Read(Optional.empty(), null);
        }

        public boolean present() {
            return marker.isPresent() || problem != null;
        }
    }

    /** @param instanceId, installroot: what this run patches; a marker naming others is foreign */
    public Read read(String instanceId, String installroot) {
        if (!Files.isDirectory(file.getParent())) {
            // no state directory (yet), or a file in its place: no marker can be there (writing one says why not)
            return Read.none();
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return new Read(Optional.empty(), "is larger than " + MAX_BYTES + " bytes: not a patchctl reboot marker");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Read.none();
        } catch (IOException e) {
            return new Read(Optional.empty(), "cannot be read: " + e);
        }
        RebootMarker marker;
        try {
            JsonNode tree = Json.mapper().readTree(bytes);
            if (tree == null || !tree.isObject()) {
                return new Read(Optional.empty(), "is not a JSON object");
            }
            if (!RebootMarker.SCHEMA.equals(tree.path("schema").asText(null))) {
                return new Read(Optional.empty(), "has schema " + tree.path("schema") + ", expected \"" + RebootMarker.SCHEMA + "\"");
            }
            marker = Json.mapper().treeToValue(tree, RebootMarker.class);
        } catch (IOException | IllegalArgumentException e) {
            return new Read(Optional.empty(), "is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (marker.runId() == null || marker.runId().isBlank()) {
            return new Read(Optional.empty(), "names no run_id");
        }
        if (!java.util.Objects.equals(marker.instanceId(), instanceId) || !java.util.Objects.equals(marker.installroot(), installroot)) {
            return new Read(Optional.empty(), "was written for instance " + marker.instanceId() + " installroot "
                    + marker.installroot() + ", this run patches instance " + instanceId + " installroot " + installroot);
        }
        return new Read(Optional.of(marker), null);
    }

    public void write(RebootMarker marker) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".reboot-", ".tmp");
            try {
                Files.write(temp, Json.bytes(marker));
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reboot marker " + file, e);
        }
    }

    /** Removes the marker once the resumed run has read it (its content is in that run's report). */
    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the reboot marker " + file, e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
