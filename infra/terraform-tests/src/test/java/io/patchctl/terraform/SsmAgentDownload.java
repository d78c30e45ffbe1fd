package io.patchctl.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the SSM Agent's {@code aws:downloadContent} (sourceType S3, one object) puts the file, as the
 * agent's own code decides it: {@code S3Resource.DownloadRemoteResource} and {@code isPathType} in
 * {@code agent/plugins/downloadcontent/s3resource/s3resource.go} of aws/amazon-ssm-agent (read at
 * commit 1c217c89b42de51d4f4063363d8ec1f2eef56055):
 *
 * <pre>
 * if filesys.Exists(destPath) &amp;&amp; filesys.IsDirectory(destPath) || isPathType(destPath) {
 *     localFilePath = destPath                      // keeps the object's name
 * } else {
 *     localFilePath = filepath.Dir(destPath)
 *     destinationFile = filepath.Base(destPath)     // the last path element becomes the file name
 * }
 * </pre>
 *
 * where {@code isPathType} is "the last character is a path separator". (An absolute destinationPath
 * is used as it is: downloadcontent.go.) A key that does not end in "/" is downloaded as one file
 * when ListObjects under "key/" finds nothing or is denied, as it is for the hosts' role.
 */
final class SsmAgentDownload {

    private SsmAgentDownload() {
    }

    /** The file the agent writes for object {@code s3Key} and {@code destinationPath}, on a host under {@code hostRoot}. */
    static Path destinationFile(Path hostRoot, String destinationPath, String s3Key) {
        if (destinationPath.isEmpty() || !destinationPath.startsWith("/")) {
            throw new IllegalArgumentException("this model covers absolute destination paths only, was '" + destinationPath + "'");
        }
        Path dest = hostRoot.resolve(destinationPath.substring(1));
        String objectName = s3Key.substring(s3Key.lastIndexOf('/') + 1);
        boolean isPathType = destinationPath.endsWith("/");
        if (Files.isDirectory(dest) || isPathType) {
            return dest.resolve(objectName);
        }
        return dest;
    }

    /** Runs the download step: the object's bytes land where the agent would put them (directories created). */
    static Path download(Path hostRoot, String destinationPath, String s3Key, byte[] object) {
        Path file = destinationFile(hostRoot, destinationPath, s3Key);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
