package io.patchctl.core.insights;

import static io.patchctl.core.insights.AnalysisSeverity.HIGH;
import static io.patchctl.core.insights.AnalysisSeverity.MEDIUM;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The rules' table: one {@link Playbook} per {@link ErrorClass}, {@link ErrorClass#UNKNOWN} as the fallback. */
final class Playbooks {

    private static final Map<ErrorClass, Playbook> TABLE = new EnumMap<>(ErrorClass.class);

    static {
        TABLE.put(ErrorClass.ROLLED_BACK, new Playbook(
                "The operator's post_install health check failed after the security update, so the agent undid its own"
                        + " dnf transaction (dnf history undo) and rpm shows the versions from before the run again: the host"
                        + " runs as before, but the vulnerabilities the update fixes are still open.",
                true, HIGH,
                List.of("Read hooks.results in the host's RunReport: the health check's output says what broke with the new versions.",
                        "Reproduce the update on a staging host, fix the application or the check, then re-run the patch;"
                                + " hold the package (hold_packages) only as a documented exception."),
                List.of("dnf history list", "dnf history info last", "dnf updateinfo list --security"),
                List.of(),
                List.of("Run the same health check in a staging ring before production, so a breaking update is caught on a few hosts first."),
                true));
        TABLE.put(ErrorClass.ROLLBACK_FAILED, new Playbook(
                "The operator's post_install health check failed after the security update, and undoing the run's dnf"
                        + " transaction failed or was impossible (the old packages are in no enabled repository, or dnf's last"
                        + " transaction was not the agent's): the host may be left on versions that break its service.",
                true, HIGH,
                List.of("Check the service on the host now: the health check failed and the old versions are not (all) back.",
                        "Read hooks.rollback in the RunReport for dnf's undo output; make the old packages available"
                                + " (a repository that keeps older versions) and undo the transaction by hand."),
                List.of("dnf history list", "dnf history info last", "dnf list --showduplicates --available"),
                List.of(),
                List.of("Keep older package versions in the repositories hosts use (mirrors that prune them make rollback impossible);"
                        + " the RunReport notes packages whose rollback is not possible before installing."),
                true));
        TABLE.put(ErrorClass.HOOK_FAILED, new Playbook(
                "An operator hook of the patch policy failed, timed out or could not start, so the agent stopped before"
                        + " changing any package.",
                true, MEDIUM,
                List.of("Read hooks.results in the host's RunReport: the hook's command, exit code, timeout and output tail.",
                        "Fix the hook (or what it depends on, e.g. the load balancer it drains from), then re-run the patch."),
                List.of("dnf history list"),
                List.of(),
                List.of("Test policy hooks on one host before a fleet run; keep their timeout_seconds below the Run Command timeout."),
                false));
        TABLE.put(ErrorClass.PACKAGE_DB, new Playbook(
                "The host's rpm database is damaged, empty or left mid-transaction (duplicate packages, dnf check"
                        + " problems, an unfinished dnf transaction), so nothing was patched and the host is not compliant.",
                true, HIGH,
                List.of("Read package_db in the host's RunReport: it lists the duplicates, dnf check lines and the unfinished transaction.",
                        "Duplicates after an interrupted upgrade: remove the older copies (dnf remove --duplicates),"
                                + " or set 'repair: fix' in the patch policy to let the agent do it; an unreadable database needs rpm --rebuilddb or a restore."),
                List.of("dnf check", "dnf history info last", "dnf remove --duplicates"),
                List.of(),
                List.of("Keep the dnf timeout below the SSM step timeout so a cancel never SIGKILLs rpm mid-transaction; alarm on low disk space."),
                true));
        TABLE.put(ErrorClass.METADATA_DOWNLOAD, new Playbook(
                "dnf could not download repository metadata, so no update could be resolved.",
                true, HIGH,
                List.of("Check that the host reaches the repository (VPC endpoints or NAT, proxy, security groups, DNS).",
                        "Check whether other hosts fail the same way: a repository or mirror outage affects the whole fleet."),
                List.of("dnf clean metadata", "dnf makecache --refresh", "dnf repolist -v"),
                List.of("dnf clean metadata", "dnf makecache --refresh"),
                List.of("Monitor repository reachability from each subnet; keep a local mirror or Satellite for critical fleets."),
                true));
        TABLE.put(ErrorClass.GPG_CHECK, new Playbook(
                "A package failed the GPG signature check: its signing key is missing or the package is unsigned.",
                true, HIGH,
                List.of("Verify the package's origin before importing any key: a failed signature can mean a tampered repository.",
                        "Import the repository's official key from the vendor (rpm --import), then retry."),
                List.of("dnf repolist -v", "dnf clean packages"),
                List.of(),
                List.of("Distribute repository GPG keys with the host image; never set gpgcheck=0 to get past this."),
                true));
        TABLE.put(ErrorClass.DEPENDENCY, new Playbook(
                "dnf could not resolve dependencies for the security update.",
                true, MEDIUM,
                List.of("Find the package that needs the missing or conflicting capability and the repository that should provide it.",
                        "Check for version locks, excludes or modules that pin an old version."),
                List.of("dnf check", "dnf repoquery --unsatisfied", "dnf upgrade --security --assumeno"),
                List.of(),
                List.of("Keep all required repositories (BaseOS, AppStream, CodeReady) enabled and in sync in every environment."),
                false));
        TABLE.put(ErrorClass.FILE_CONFLICT, new Playbook(
                "The transaction test found two packages that install the same file with different content.",
                true, MEDIUM,
                List.of("Identify which package owns the file and where the conflicting package comes from (often a third-party repo).",
                        "Remove or replace the conflicting package, then retry the update."),
                List.of("dnf repoquery --installed --whatprovides {conflict_path}", "dnf upgrade --security --assumeno"),
                List.of(),
                List.of("Avoid mixing third-party repositories that repackage RHEL files; pin repository priorities."),
                false));
        TABLE.put(ErrorClass.DISK_SPACE, new Playbook(
                "The filesystem has too little free space for the update transaction.",
                true, HIGH,
                List.of("Free space on the filesystem dnf names (old kernels, dnf cache, logs), or grow the volume."),
                List.of("dnf clean all", "dnf remove --oldinstallonly --setopt installonly_limit=2 kernel"),
                List.of("df -h"),
                List.of("Alarm on root filesystem usage (CloudWatch agent disk_used_percent) before the patch window."),
                true));
        TABLE.put(ErrorClass.RPM_LOCK, new Playbook(
                "Another package manager process held the rpm/dnf lock, so the patch transaction could not start.",
                true, MEDIUM,
                List.of("Find the process holding the lock (dnf-automatic, a yum/dnf run by a person or a configuration agent) and let it finish.",
                        "Retry the patch run once the lock is free; do not delete the lock file of a running process."),
                List.of("dnf history list"),
                List.of("ps -eo pid,etime,cmd"),
                List.of("Disable dnf-automatic or schedule it outside the maintenance window on hosts patched by SSM."),
                false));
        TABLE.put(ErrorClass.RPMDB_CORRUPT, new Playbook(
                "The rpm database is damaged or locked by a dead process, so neither dnf nor rpm can read it.",
                true, HIGH,
                List.of("Make sure no dnf, yum or rpm process is running, then back up /var/lib/rpm (cp -a /var/lib/rpm /var/lib/rpm.bak).",
                        "Remove the stale Berkeley DB environment files (/var/lib/rpm/__db.*) and rebuild the database (rpm --rebuilddb).",
                        "Check the result (rpm -qa | wc -l, dnf check) before re-running the patch."),
                List.of("dnf clean all", "dnf check"),
                List.of("rpm --rebuilddb"),
                List.of("Never kill dnf or rpm mid-transaction (watch Run Command timeouts); keep a daily rpm -qa list for recovery."),
                true));
        TABLE.put(ErrorClass.SCRIPTLET, new Playbook(
                "{scriptlet_effect}",
                true, HIGH,
                List.of("Read the scriptlet's own output in the Run Command log to see which check failed.",
                        "Check the rpm database and dnf history for a partly applied transaction; fix the cause and re-run the update."),
                List.of("dnf history info last", "dnf check"),
                List.of(),
                List.of("Test third-party packages' scriptlets in a staging environment before the production window."),
                true));
        TABLE.put(ErrorClass.NOT_REGISTERED, new Playbook(
                "The host is not registered with an entitlement server (Red Hat Subscription Management), so no RHEL repositories are enabled.",
                true, HIGH,
                List.of("Register the host (subscription-manager register) or attach it to the RHUI/Satellite its image expects.",
                        "Confirm the RHEL repositories are enabled afterwards, then re-run the patch."),
                List.of("dnf repolist"),
                List.of(),
                List.of("Register hosts at launch (user data or image) and alert on hosts with no enabled repositories."),
                true));
        TABLE.put(ErrorClass.TIMEOUT, new Playbook(
                "The patch command timed out before it finished.",
                true, MEDIUM,
                List.of("Check whether dnf is still running or left a partial transaction, and whether downloads were slow.",
                        "Re-run the patch with a longer execution timeout if the host is healthy."),
                List.of("dnf history list"),
                List.of(),
                List.of("Set the Run Command execution timeout above the longest observed patch run; keep a nearby mirror."),
                false));
        TABLE.put(ErrorClass.AGENT_UNREACHABLE, new Playbook(
                "SSM could not deliver the patch command: the host's SSM agent was not reachable (stopped instance, agent down or no route to SSM).",
                false, HIGH,
                List.of("Check that the instance is running and its SSM agent is online (PingStatus).",
                        "Check the instance role and the route to the SSM endpoints (VPC endpoints or NAT)."),
                List.of(),
                List.of(),
                List.of("Alarm on managed instances whose SSM PingStatus is not Online before the patch window."),
                true));
        TABLE.put(ErrorClass.UNKNOWN, new Playbook(
                "The patch run failed ({status}) and the available output does not show a known dnf or rpm error.",
                true, MEDIUM,
                List.of("Read the full Run Command output and the agent's RunReport for this host."),
                List.of("dnf history list", "dnf check"),
                List.of(),
                List.of("Keep the agent's RunReport and the Run Command output in S3 for every run so failures can be explained."),
                false));
    }

    private Playbooks() {
    }

    /** The playbook of {@code errorClass}; a class without one of its own gets the UNKNOWN playbook. */
    static Playbook of(ErrorClass errorClass) {
        return TABLE.getOrDefault(errorClass, TABLE.get(ErrorClass.UNKNOWN));
    }
}
