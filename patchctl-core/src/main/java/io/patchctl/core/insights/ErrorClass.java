package io.patchctl.core.insights;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The kinds of patch failure the rules analyst knows, each recognised by the messages dnf, rpm,
 * subscription-manager or SSM print for it. Which class wins is decided by the strength of the
 * evidence ({@link DnfErrorClassifier}), not by this order; within the winning class the patterns are
 * listed most specific first, and the first one that matches picks the line quoted as evidence.
 */
public enum ErrorClass {
    /**
     * The operator's post_install health check failed and the undo of the run's own transaction failed
     * too (or dnf's last transaction was not ours): the host may be broken. Listed first: the agent's own
     * words outrank whatever the hook's output quoted on the same line says.
     */
    ROLLBACK_FAILED(
            "rollback of dnf transaction \\S+ failed"),
    /** The post_install health check failed and the run undid its transaction: status ROLLED_BACK, exit 8. */
    ROLLED_BACK(
            "rolled back dnf transaction \\d+",
            "status: ROLLED_BACK"),
    /** An operator hook (pre_install) failed, timed out or could not start: nothing was installed. */
    HOOK_FAILED(
            "(?:pre_install|post_install|post_reboot) hook (?:failed with exit code|timed out after|could not start)"),
    /**
     * The agent's own package-database health check (PackageDbHealth: unreadable or empty database,
     * duplicates, dnf check problems, an unfinished transaction); rpm's own words for a damaged
     * database are {@link #RPMDB_CORRUPT}.
     */
    PACKAGE_DB(
            "package database unhealthy[^\"]*"),
    /**
     * Only with the subscription-manager banner ({@link DnfErrorClassifier#BANNER}) in the same output:
     * the banner alone is printed on every RHUI, Satellite and mirror host and means nothing.
     */
    NOT_REGISTERED(
            "There are no enabled repositories",
            "Status code: 403 for \\S*(?:redhat\\.com|/pulp/)\\S*"),
    GPG_CHECK(
            "Public key for \\S+ is not installed",
            "is not signed",
            "GPG check FAILED",
            "The GPG keys listed for the .* repository are already installed but they are not correct",
            "(?:BAD|NOKEY) .*[Ss]ignature|Signature, key ID \\w+: (?:NOKEY|BAD)"),
    METADATA_DOWNLOAD(
            "Failed to download metadata for repo",
            "Errors during downloading metadata for repository",
            "Cannot download repomd\\.xml",
            "Curl error \\(\\d+\\)",
            "Cannot find a valid baseurl for repo",
            "Status code: \\d+ for \\S+repomd\\.xml",
            "All mirrors were tried",
            "Cannot download, all mirrors were already tried"),
    DISK_SPACE(
            "At least \\S+ more space needed on the \\S+ filesystem",
            "needs \\S+ more space on the \\S+ filesystem",
            // rpm 4.14 (RHEL 8) leaves out "more space"
            "installing package \\S+ needs \\S+ on the \\S+ filesystem",
            "No space left on device"),
    FILE_CONFLICT(
            "conflicts with file from package"),
    DEPENDENCY(
            "filtered out by modular filtering",
            "nothing provides .* needed by",
            "requires .*, but none of the providers can be installed",
            "conflicts with .* provided by",
            "cannot install (?:the best update candidate|both)",
            "Problem(?: \\d+)?: ",
            "Depsolve ?Error"),
    /** A broken rpm database: every dnf and rpm call fails until it is rebuilt. */
    RPMDB_CORRUPT(
            "rpmdb open failed",
            "DB_RUNRECOVERY",
            "Thread died in Berkeley DB library",
            "DB_VERSION_MISMATCH",
            "cannot open Packages (?:index|database)",
            "rpmdb: BDB\\d{4}",
            "PANIC: fatal region error detected"),
    SCRIPTLET(
            "Error in (?:PRE|POST|PRETRANS|POSTTRANS|PREUN|POSTUN)(?:IN)? scriptlet",
            "Non-fatal \\w+ scriptlet failure",
            "%(?:pre|post|preun|postun|pretrans|posttrans)\\(\\S+\\) scriptlet failed",
            "scriptlet failed, exit status"),
    RPM_LOCK(
            "can't create transaction lock on \\S+",
            "Waiting for process with pid \\d+ to finish",
            "Failed to obtain the transaction lock",
            "another copy is running"),
    TIMEOUT(
            "Command execution timed out",
            "execution timed out",
            "timed out after \\d+"),
    AGENT_UNREACHABLE(),
    UNKNOWN();

    private final List<Pattern> patterns;

    ErrorClass(String... regexes) {
        this.patterns = java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }

    List<Pattern> patterns() {
        return patterns;
    }
}
