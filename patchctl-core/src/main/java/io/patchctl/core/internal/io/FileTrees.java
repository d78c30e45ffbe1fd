package io.patchctl.core.internal.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removing scratch trees (lab hosts, temp dirs): the one implementation the modules share. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code root} and everything below it, without following symbolic links; absent is fine. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Best-effort {@link #delete}: a scratch tree left behind is harmless, so failure is reported,
     * not thrown.
     *
     * @return null when deleted, else the reason it was not
     */
    public static String deleteQuietly(Path root) {
        try {
            delete(root);
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }
}
