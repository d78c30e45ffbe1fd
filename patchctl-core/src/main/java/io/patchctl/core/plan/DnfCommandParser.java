package io.patchctl.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Allow-list parser for dnf command lines in a model reply. It never builds a command: it only
 * extracts package names and exclude globs from lines of the form
 * {@code [sudo] dnf|yum [flags] upgrade|update [flags] [packages]} whose every token is known and
 * harmless. Everything else is refused with a reason. The dnf command the agent runs is built later
 * from PolicyGuard's approved names.
 */
public final class DnfCommandParser {

    static final int MAX_LINE = 1000;

    private static final Set<String> COMMANDS = Set.of("dnf", "yum", "/usr/bin/dnf", "/usr/bin/yum");
    private static final Set<String> SUBCOMMANDS = Set.of("upgrade", "update");
    /** Flags that change nothing about what gets installed or how it is verified. */
    private static final Set<String> HARMLESS_FLAGS = Set.of(
            "-y", "--assumeyes", "--security", "-q", "--quiet", "--refresh", "--best", "-v", "--verbose", "-C", "--cacheonly");
    /** Why well-known dangerous flags are refused, for a clear report. */
    private static final Map<String, String> DANGEROUS_FLAGS = Map.of(
            "--nogpgcheck", "disables GPG signature checking",
            "--setopt", "changes dnf configuration",
            "--enablerepo", "enables other repositories",
            "--repofrompath", "adds a repository",
            "--repo", "changes repositories",
            "--disablerepo", "changes repositories",
            "--config", "replaces the dnf configuration",
            "--installroot", "changes the target system",
            "--disableexcludes", "ignores configured excludes",
            "--allowerasing", "allows removing packages");
    private static final String SHELL_CHARS = ";&|$`<>(){}\\'\"!#";

    /** Parses one line (already split on every newline form). */
    public DnfCommandLine parse(String rawLine) {
        String line = rawLine == null ? "" : rawLine.strip();
        if (line.length() > MAX_LINE) {
            return DnfCommandLine.refused(line, "line longer than " + MAX_LINE + " characters");
        }
        // A leading shell prompt is common in seed-style answers; strip it before the checks.
        if (line.startsWith("$ ") || line.startsWith("# ")) {
            line = line.substring(2).strip();
        }
        Optional<String> bad = badCharacter(line);
        if (bad.isPresent()) {
            return DnfCommandLine.refused(rawLine, bad.get());
        }
        List<String> tokens = new ArrayList<>(List.of(line.split("[ \t]+")));
        if (!tokens.isEmpty() && tokens.get(0).equals("sudo")) {
            tokens.remove(0);
        }
        if (tokens.isEmpty() || tokens.get(0).isEmpty()) {
            return DnfCommandLine.refused(rawLine, "empty command");
        }
        if (!COMMANDS.contains(tokens.get(0))) {
            return DnfCommandLine.refused(rawLine, "not a dnf command: '" + shorten(tokens.get(0)) + "'");
        }
        String subcommand = null;
        boolean security = false;
        List<String> packages = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        for (int i = 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.startsWith("-")) {
                String flag = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
                if (flag.equals("--exclude") || flag.equals("-x")) {
                    String glob = t.contains("=") ? t.substring(t.indexOf('=') + 1)
                            : (i + 1 < tokens.size() ? tokens.get(++i) : "");
                    for (String g : glob.split(",")) {
                        try {
                            excludes.add(PackageGlob.of(g).toString());
                        } catch (IllegalArgumentException e) {
                            return DnfCommandLine.refused(rawLine, "bad --exclude glob '" + shorten(g) + "'");
                        }
                    }
                } else if (HARMLESS_FLAGS.contains(t)) {
                    security |= t.equals("--security");
                } else if (DANGEROUS_FLAGS.containsKey(flag)) {
                    return DnfCommandLine.refused(rawLine, "flag " + flag + " " + DANGEROUS_FLAGS.get(flag));
                } else {
                    return DnfCommandLine.refused(rawLine, "flag '" + shorten(t) + "' is not on the allow-list");
                }
            } else if (subcommand == null) {
                subcommand = t.toLowerCase(Locale.ROOT);
                if (!SUBCOMMANDS.contains(subcommand)) {
                    return DnfCommandLine.refused(rawLine, "dnf subcommand '" + shorten(t)
                            + "' is not allowed (only upgrade/update)");
                }
            } else {
                String name = stripArch(t);
                Optional<String> problem = RpmNames.problem(name);
                if (problem.isPresent()) {
                    return DnfCommandLine.refused(rawLine, "argument '" + shorten(t) + "': " + problem.get());
                }
                packages.add(name);
            }
        }
        if (subcommand == null) {
            return DnfCommandLine.refused(rawLine, "no dnf subcommand (expected upgrade or update)");
        }
        if (packages.isEmpty() && !security) {
            return DnfCommandLine.refused(rawLine, "upgrade without package names or --security would update"
                    + " non-security packages");
        }
        return new DnfCommandLine(rawLine, true, packages, excludes, packages.isEmpty(), null);
    }

    private static Optional<String> badCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (SHELL_CHARS.indexOf(c) >= 0) {
                return Optional.of("shell syntax '" + c + "' is not allowed");
            }
            if (c == '\t') {
                continue;
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(String.format("control character U+%04X", (int) c));
            }
            if (c >= 0x80) {
                return Optional.of(String.format("non-ASCII character U+%04X (look-alike names are refused)", (int) c));
            }
        }
        return Optional.empty();
    }

    /** {@code openssl-libs.x86_64} names the package openssl-libs. */
    private static String stripArch(String token) {
        return io.patchctl.core.plan.RpmNames.withoutArch(token);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
