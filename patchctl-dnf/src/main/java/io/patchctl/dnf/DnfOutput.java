package io.patchctl.dnf;

import io.patchctl.core.advisory.Severity;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parsers for dnf 4's human-readable output (RHEL 8's dnf 4.7 and Debian's 4.14 print the same).
 * Tolerant by design: metadata and progress lines, blank lines, extra columns and unknown
 * sections are skipped rather than failing; only lines of the expected shape are read.
 */
public final class DnfOutput {

    /** One line of {@code dnf updateinfo list}: advisory, type/severity, the update's NEVRA. */
    public record UpdateinfoLine(String advisoryId, boolean security, Severity severity, Nevra nevra) {
    }

    /**
     * One advisory of {@code dnf updateinfo info}.
     *
     * @param issued {@code Issued:} (dnf 5) or else {@code Updated:} (dnf 4 prints only that), as a date; null when absent or unreadable
     */
    public record AdvisoryInfo(String advisoryId, String type, Severity severity, List<String> cves, LocalDate issued) {
    }

    /** One package line of {@code dnf check-update}. */
    public record PendingPackage(String name, String arch, String evr, String repo) {
    }

    /** {@code dnf check-update}: pending updates, and the packages of its "Obsoleting Packages" section. */
    public record CheckUpdate(List<PendingPackage> updates, List<PendingPackage> obsoleting) {
    }

    private static final Pattern ADVISORY_ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9:._-]+");
    private static final Pattern NAME_ARCH = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]*\\.[A-Za-z0-9_]+");
    private static final Pattern EVR = Pattern.compile("(\\d+:)?[^-\\s:]+-[^-\\s:]+");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    private DnfOutput() {
    }

    /**
     * {@code dnf updateinfo list [--security]}. Lines look like
     * {@code RHSA-2021:1024 Important/Sec. openssl-libs-1:1.1.1k-2.el8.x86_64}; with {@code --all}
     * they may carry a leading installed marker ({@code i}); with {@code -v} a date follows.
     */
    public static List<UpdateinfoLine> updateinfoList(String stdout) {
        List<UpdateinfoLine> lines = new ArrayList<>();
        for (String raw : stdout.split("\n")) {
            String[] f = raw.strip().split("\\s+");
            if (f.length >= 4 && (f[0].equals("i") || f[0].equals("I"))) {
                f = java.util.Arrays.copyOfRange(f, 1, f.length);
            }
            // id, type/severity, NEVRA; later columns (the date -v adds) are ignored
            if (f.length < 3 || !ADVISORY_ID.matcher(f[0]).matches()) {
                continue;
            }
            Optional<Nevra> nevra = Nevra.parse(f[2]);
            if (nevra.isEmpty()) {
                continue;
            }
            String type = f[1];
            boolean security = type.endsWith("Sec.") || type.equalsIgnoreCase("security");
            Severity severity = security && type.contains("/") ? Severity.parse(type) : Severity.UNKNOWN;
            lines.add(new UpdateinfoLine(f[0], security, severity, nevra.get()));
        }
        return lines;
    }

    /**
     * {@code dnf updateinfo info}: blocks of {@code Key: value} lines separated by rules of '=';
     * a value continues on lines that start with {@code ": "} (several CVEs, bugs).
     */
    public static Map<String, AdvisoryInfo> updateinfoInfo(String stdout) {
        Map<String, AdvisoryInfo> byId = new LinkedHashMap<>();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String lastKey = null;
        for (String raw : (stdout + "\n=====").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("=====")) {
                addAdvisory(fields, byId);
                fields.clear();
                lastKey = null;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.isEmpty() && lastKey != null) {
                fields.get(lastKey).add(value);
            } else if (!key.isEmpty() && key.matches("[A-Za-z][A-Za-z ]*")) {
                lastKey = key.toLowerCase(Locale.ROOT);
                fields.computeIfAbsent(lastKey, k -> new ArrayList<>()).add(value);
            }
        }
        return byId;
    }

    private static void addAdvisory(Map<String, List<String>> fields, Map<String, AdvisoryInfo> byId) {
        List<String> id = fields.get("update id");
        if (id == null || id.isEmpty()) {
            return;
        }
        List<String> cves = new ArrayList<>();
        for (String v : fields.getOrDefault("cves", List.of())) {
            var m = CVE.matcher(v);
            while (m.find()) {
                cves.add(m.group());
            }
        }
        String type = fields.getOrDefault("type", List.of("")).get(0);
        Severity severity = Severity.parse(fields.getOrDefault("severity", List.of("")).get(0));
        LocalDate issued = date(fields.get("issued"));
        if (issued == null) {
            issued = date(fields.get("updated"));
        }
        byId.put(id.get(0), new AdvisoryInfo(id.get(0), type, severity, cves, issued));
    }

    /** "2026-11-02 00:00:00" (dnf 4) or "2026-11-02" → the date; anything else → null (tolerant, like the rest). */
    private static LocalDate date(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        String v = values.get(0).strip();
        if (v.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(v.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * {@code dnf check-update}: {@code name.arch  [epoch:]version-release  repo} lines; after
     * "Obsoleting Packages" come obsoleting packages, each followed by an indented line naming the
     * installed package it replaces (skipped).
     */
    public static CheckUpdate checkUpdate(String stdout) {
        List<PendingPackage> updates = new ArrayList<>();
        List<PendingPackage> obsoleting = new ArrayList<>();
        boolean inObsoleting = false;
        for (String raw : stdout.split("\n")) {
            if (raw.strip().startsWith("Obsoleting Packages")) {
                inObsoleting = true;
                continue;
            }
            if (inObsoleting && (raw.startsWith(" ") || raw.startsWith("\t"))) {
                continue; // the installed package being obsoleted
            }
            String[] f = raw.strip().split("\\s+");
            if (f.length < 3 || !NAME_ARCH.matcher(f[0]).matches() || !EVR.matcher(f[1]).matches()) {
                continue;
            }
            int dot = f[0].lastIndexOf('.');
            String evr = f[1].startsWith("0:") ? f[1].substring(2) : f[1];
            PendingPackage p = new PendingPackage(f[0].substring(0, dot), f[0].substring(dot + 1), evr, f[2]);
            (inObsoleting ? obsoleting : updates).add(p);
        }
        return new CheckUpdate(updates, obsoleting);
    }

    /**
     * NEVRAs a transaction put on the system, from its summary sections ("Upgraded:", "Installed:",
     * "Downgraded:", "Reinstalled:"); packages under "Failed:" or "Skipped:" are not included.
     */
    public static List<String> transactionInstalled(String stdout) {
        List<String> installed = new ArrayList<>();
        boolean inInstalled = false;
        for (String raw : stdout.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                inInstalled = false;
                continue;
            }
            if (!raw.startsWith(" ") && line.endsWith(":")) {
                inInstalled = line.equals("Upgraded:") || line.equals("Installed:") || line.equals("Downgraded:")
                        || line.equals("Reinstalled:");
                continue;
            }
            if (inInstalled) {
                for (String token : line.split("\\s+")) {
                    Nevra.parse(token).ifPresent(n -> installed.add(n.toString()));
                }
            }
        }
        return installed;
    }

    /** Bound of {@link #errorText}: the cause must reach the report and the analyst, a flood must not. */
    static final int ERROR_TEXT_MAX_LINES = 40;
    static final int ERROR_TEXT_MAX_CHARS = 4000;

    /**
     * dnf's and rpm's own error lines ("Error: …", "error: …", " Problem: …", lock and scriptlet messages),
     * each with the indented detail under it: dnf prints the header ("Error: Transaction test error:",
     * "Problem: …") and names the cause only on the lines below it ("file … conflicts with file from
     * package …", "- package … is filtered out by modular filtering", "installing package … needs 171MB on
     * the / filesystem"). Bounded; empty if there is no such line.
     */
    public static String errorText(String stdout, String stderr) {
        List<String> errors = new ArrayList<>();
        int chars = 0;
        String[] lines = (stderr + "\n" + stdout).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!isErrorHeader(lines[i].strip())) {
                continue;
            }
            List<String> block = new ArrayList<>();
            block.add(lines[i].strip());
            boolean summary = lines[i].strip().equals("Error Summary");
            // the indented detail under the header; dnf's Error Summary runs to the next blank line
            while (i + 1 < lines.length && !lines[i + 1].isBlank()
                    && (Character.isWhitespace(lines[i + 1].charAt(0)) || lines[i + 1].startsWith("- ") || summary)) {
                i++;
                block.add(lines[i].stripTrailing());
            }
            for (String line : block) {
                if (errors.contains(line)) {
                    continue;
                }
                if (errors.size() >= ERROR_TEXT_MAX_LINES || chars + line.length() > ERROR_TEXT_MAX_CHARS) {
                    errors.add("[... more error lines omitted]");
                    return String.join("\n", errors);
                }
                errors.add(line);
                chars += line.length() + 1;
            }
        }
        return String.join("\n", errors);
    }

    private static boolean isErrorHeader(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.startsWith("error:") || lower.startsWith("rpm: error:") || lower.startsWith("problem")
                || lower.startsWith("- curl error") || lower.startsWith("no match for argument")
                || line.equals("Error Summary") || line.contains("scriptlet failed") || line.startsWith("Error in ")
                || lower.startsWith("waiting for process with pid") || lower.contains("transaction lock")
                || lower.startsWith("errors during downloading metadata") || lower.startsWith("transaction check error");
    }

    /**
     * Whether dnf got past its transaction test into the rpm transaction, so that something may have
     * changed: it printed "Transaction test succeeded." or "Running transaction", or rpm reported a
     * scriptlet failing (that only happens inside the transaction). False when dnf stopped at dependency
     * resolution, download, GPG or the transaction test itself.
     */
    public static boolean transactionStarted(String stdout, String stderr) {
        for (String raw : (stdout + "\n" + stderr).split("\n")) {
            String line = raw.strip();
            if (line.equals("Transaction test succeeded.") || line.equals("Running transaction")
                    || line.contains("scriptlet failed") || line.startsWith("Error in ") && line.contains("scriptlet")) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern NEWER_RELEASE = Pattern.compile("A newer release of \"[^\"]+\" is available");
    private static final Pattern RELEASE_VERSION = Pattern.compile("^\\s*Version (\\S+):\\s*$");

    /**
     * The releases Amazon Linux 2023's dnf says are newer than the one its repositories are locked to
     * ("WARNING: A newer release of "Amazon Linux" is available. ... Version 2023.6.20241031: ..."),
     * oldest first as dnf lists them; empty when it said nothing.
     */
    public static List<String> newerReleases(String stdout, String stderr) {
        String all = stdout + "\n" + stderr;
        if (!NEWER_RELEASE.matcher(all).find()) {
            return List.of();
        }
        List<String> versions = new ArrayList<>();
        for (String line : all.split("\n")) {
            var m = RELEASE_VERSION.matcher(line);
            if (m.matches() && !versions.contains(m.group(1)) && versions.size() < 50) {
                versions.add(m.group(1));
            }
        }
        return versions.isEmpty() ? List.of("a newer release") : versions;
    }

    /**
     * {@code dnf needs-restarting -r}: exits 1 when a reboot is needed, but also when the plugin is
     * missing ("No such command"); the text decides.
     */
    public static Optional<Boolean> needsRestarting(int exitCode, String stdout, String stderr) {
        String all = stdout + "\n" + stderr;
        if (all.contains("Reboot is required")) {
            return Optional.of(true);
        }
        if (all.contains("Reboot should not be necessary")) {
            return Optional.of(false);
        }
        return Optional.empty();
    }
}
