package io.patchctl.core.insights;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The kinds of patch failure the rules analyst knows, each recognised by the messages dnf, rpm,
 * subscription-manager or SSM print for it. Patterns are listed most specific first: the first one
 * that matches picks the line quoted as evidence.
 */
public enum ErrorClass {
    /** The agent's own package-database health check (PackageDbHealth), and rpm's own words for a damaged database. */
    PACKAGE_DB(
            "package database unhealthy[^\"]*",
            "rpmdb open failed",
            "DB_RUNRECOVERY",
            "cannot open Packages (?:database|index)"),
    NOT_REGISTERED(
            "This system is not registered with an entitlement server",
            "not registered (?:to|with) Red Hat Subscription Management",
            "Unable to read consumer identity"),
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
            "All mirrors were tried"),
    DISK_SPACE(
            "At least \\S+ more space needed on the \\S+ filesystem",
            "needs \\S+ more space on the \\S+ filesystem",
            "No space left on device"),
    FILE_CONFLICT(
            "conflicts with file from package"),
    DEPENDENCY(
            "nothing provides .* needed by",
            "requires .*, but none of the providers can be installed",
            "conflicts with .* provided by",
            "cannot install (?:the best update candidate|both)",
            "Problem(?: \\d+)?: ",
            "Depsolve Error"),
    SCRIPTLET(
            "Error in (?:PRE|POST|PRETRANS|POSTTRANS|PREUN|POSTUN)(?:IN)? scriptlet",
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
