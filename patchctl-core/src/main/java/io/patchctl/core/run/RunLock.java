package io.patchctl.core.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The host-wide lock one patchctl run holds from before its first dnf call to after its report is
 * stored or spooled. An overlapping run (SSM re-delivery, an operator by hand) gives up at once
 * instead of queueing on dnf's own lock and then failing confusingly. An OS file lock ({@code flock}
 * semantics through {@link FileChannel#tryLock()}): the kernel releases it when the process dies,
 * even on SIGKILL, so a stale lock file never blocks the next run.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @return the lock, or empty when another process holds it
     * @throws IOException when the lock file cannot be created or opened
     */
    public static Optional<RunLock> tryAcquire(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        // Never follow a symlink (a planted link would make a root run truncate its target), and only
        // use a lock file owned by this user: anyone else's file could be held forever to block patching.
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        try {
            Object owner = Files.getAttribute(file, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            long myUid = new com.sun.security.auth.module.UnixSystem().getUid();
            if (!(owner instanceof Integer o) || o.longValue() != myUid) {
                throw new IOException("lock file " + file + " is owned by uid " + owner + ", not by this user (uid " + myUid
                        + ")");
            }
        } catch (IOException | UnsupportedOperationException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM (another run in-process)
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return Optional.of(new RunLock(channel, lock));
    }

    /** The pid the holder wrote, for the message of a run that found the lock taken. */
    public static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? "unknown" : pid;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
