package io.patchctl.dnf;

import io.patchctl.dnf.process.ProcessResult;
import io.patchctl.core.host.PackageDbHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the package database's health with one {@code rpm -qa} and two cache-only dnf calls
 * ({@code check}, {@code history info}), before anything is planned.
 *
 * <p>Why each: dnf answers "Nothing to do" on an empty or unreadable rpm database, so the rpm listing
 * must show packages. A SIGKILL or a full disk inside the rpm transaction leaves both versions of
 * packages in the database (dnf 4 records the transaction without an end: {@code End rpmdb} empty),
 * which {@code dnf check} reports as "is a duplicate with". Install-only packages (kernels, anything
 * providing {@code installonlypkg(...)}) are several versions by design.
 */
final class PackageDbCheck {

    /** dnf 4's default installonlypkgs (dnf.const.INSTALLONLYPKGS) besides the installonlypkg() provides. */
    private static final List<String> INSTALL_ONLY = List.of("kernel", "kernel-PAE", "installonlypkg(kernel)",
            "installonlypkg(kernel-module)", "installonlypkg(vm)", "multiversion(kernel)");
    private static final int MAX_LINES = 10;

    /** Runs {@code dnf <command>} for this host, cache-only; the DnfPackageManager's own call. */
    interface Dnf {
        ProcessResult run(String what, List<String> command);
    }

    private final Function<List<String>, ProcessResult> rpm;
    private final Dnf dnf;

    /** @param rpm runs {@code rpm --root R <args>} */
    PackageDbCheck(Function<List<String>, ProcessResult> rpm, Dnf dnf) {
        this.rpm = rpm;
        this.dnf = dnf;
    }

    PackageDbHealth check() {
        ProcessResult list = rpm.apply(List.of("-qa", "--qf", "%{NAME}|%{ARCH}|%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}|[%{PROVIDENAME},]\\n"));
        String rpmErrors = errorLines(list.stderr());
        if (list.exitCode() != 0 || list.timedOut() || !rpmErrors.isEmpty()) {
            return new PackageDbHealth(true, 0, rpmErrors.isEmpty() ? "rpm -qa exited " + list.exitCode() : rpmErrors,
                    List.of(), List.of(), null, List.of());
        }
        int count = 0;
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (String line : list.stdout().split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length < 4) {
                continue;
            }
            count++;
            boolean installOnly = INSTALL_ONLY.contains(f[0])
                    || List.of(f[3].split(",")).stream().anyMatch(INSTALL_ONLY::contains);
            if (!installOnly && !f[0].equals("gpg-pubkey")) {
                versions.computeIfAbsent(f[0] + "." + f[1], k -> new ArrayList<>()).add(f[2]);
            }
        }
        List<String> duplicates = new ArrayList<>();
        versions.forEach((na, evrs) -> {
            if (evrs.size() > 1) {
                duplicates.add(na + " (" + String.join(", ", evrs) + ")");
            }
        });
        if (count == 0) {
            return new PackageDbHealth(true, 0, null, List.of(), List.of(), null, List.of());
        }
        ProcessResult check = dnf.run("package database check", List.of("check"));
        List<String> problems = new ArrayList<>();
        if (check.timedOut()) {
            // cannot tell is not healthy: the run stops here, saying why
            problems.add("dnf check timed out after " + check.durationMillis() / 1000 + " s (is another process holding"
                    + " the dnf or rpm lock?): " + check.tail(2).replace('\n', ' '));
        } else if (check.exitCode() != 0) {
            for (String line : (check.stdout() + "\n" + check.stderr()).split("\n")) {
                if (!line.isBlank() && problems.size() < MAX_LINES && !line.startsWith("Error: Check discovered")) {
                    problems.add(line.strip());
                }
            }
            if (problems.isEmpty()) {
                problems.add("dnf check exited " + check.exitCode());
            }
        }
        return new PackageDbHealth(true, count, null, duplicates, problems, check.timedOut() ? null : unfinished(), List.of());
    }

    /** The last history transaction when dnf never recorded its end (killed, power loss), else null. */
    private String unfinished() {
        ProcessResult info = dnf.run("history of the last transaction", List.of("history", "info"));
        // "No transactions" exits 1: a host dnf never changed has nothing unfinished
        String id = null;
        String endRpmdb = null;
        String returnCode = null;
        for (String line : info.stdout().split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "Transaction ID" -> id = value;
                case "End rpmdb" -> endRpmdb = value.replace("**", "").strip();
                case "Return-Code" -> returnCode = value;
                default -> { }
            }
            if (key.equals("Packages Altered")) {
                break;
            }
        }
        if (id == null) {
            return null;
        }
        boolean aborted = returnCode != null && returnCode.contains("Aborted");
        if ((endRpmdb != null && endRpmdb.isEmpty()) || aborted) {
            return "transaction " + id + " (Return-Code: " + returnCode + ", no end recorded)";
        }
        return null;
    }

    private static String errorLines(String stderr) {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.startsWith("error:") && lines.size() < 3) {
                lines.add(line.strip());
            }
        }
        return String.join("; ", lines);
    }
}
