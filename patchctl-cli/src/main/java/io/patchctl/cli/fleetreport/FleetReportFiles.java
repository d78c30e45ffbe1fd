package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.FleetReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code fleet-report.html} and {@code fleet-report.json} into a directory, each replaced atomically. */
public final class FleetReportFiles {

    public static final String HTML = "fleet-report.html";
    public static final String JSON = "fleet-report.json";

    private FleetReportFiles() {
    }

    /** @return the HTML file */
    public static Path write(FleetReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(JSON), new FleetReportJson().bytes(report));
            Path html = dir.resolve(HTML);
            writeAtomically(html, new FleetReportHtml().render(report).getBytes(StandardCharsets.UTF_8));
            return html.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fleet report into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, byte[] body) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, body);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
