package io.patchctl.dnf;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which operator arguments ({@code --dnf-arg}) may reach dnf. An allow-list, because dnf accepts
 * any unambiguous abbreviation of a long option (Python argparse): {@code --installr=/other} is
 * {@code --installroot}, and {@code --setopt=tsflags=test} turns the upgrade into a no-op that
 * reports success. Only full option names, always in the {@code --name=value} form, are accepted:
 * <ul>
 *   <li>{@code --config=FILE}, {@code --releasever=VER}</li>
 *   <li>{@code --noplugins}, {@code --enableplugin=NAMES}, {@code --disableplugin=NAMES}</li>
 *   <li>{@code --repo=IDS}, {@code --repoid=IDS}, {@code --enablerepo=IDS}, {@code --disablerepo=IDS}</li>
 *   <li>{@code --setopt=KEY=VALUE} for the keys in {@link #SETOPT_KEYS}, also per repository
 *       ({@code REPO.KEY}), never {@code tsflags}, {@code gpgcheck}, {@code installroot}, {@code reposdir}
 *       or anything else that changes what a transaction does or checks</li>
 * </ul>
 */
public final class DnfArgPolicy {

    private static final Set<String> VALUED = Set.of("--config", "--releasever", "--enableplugin", "--disableplugin",
            "--repo", "--repoid", "--enablerepo", "--disablerepo");
    private static final Set<String> FLAGS = Set.of("--noplugins");
    /** Network and metadata tuning: how repositories are reached, never what is installed or verified. */
    static final Set<String> SETOPT_KEYS = Set.of("metadata_expire", "timeout", "retries", "minrate", "proxy",
            "proxy_username", "proxy_password", "proxy_auth_method", "sslcacert", "sslclientcert", "sslclientkey",
            "skip_if_unavailable", "max_parallel_downloads", "ip_resolve", "fastestmirror", "throttle", "bandwidth",
            "deltarpm", "keepcache", "module_platform_id", "zchunk");
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_./:@,*+=%-]*");
    private static final Pattern SETOPT = Pattern.compile("(?:([A-Za-z0-9_.:-]+)\\.)?([a-z_]+)=(.*)");

    private DnfArgPolicy() {
    }

    /** @return why {@code arg} is refused, or empty when it may be passed to dnf */
    public static Optional<String> problem(String arg) {
        if (arg == null || arg.isEmpty()) {
            return Optional.of("an empty argument");
        }
        if (arg.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("a control character in '" + printable(arg) + "'");
        }
        if (FLAGS.contains(arg)) {
            return Optional.empty();
        }
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        if (name.equals("--setopt") && eq > 0) {
            return setopt(arg.substring(eq + 1));
        }
        if (VALUED.contains(name)) {
            if (eq < 0 || eq == arg.length() - 1) {
                return Optional.of("'" + name + "' needs a value in the form " + name + "=VALUE (one --dnf-arg each)");
            }
            String value = arg.substring(eq + 1);
            if (!SAFE_VALUE.matcher(value).matches()) {
                return Optional.of("'" + printable(arg) + "' has characters dnf options never need");
            }
            return Optional.empty();
        }
        return Optional.of("'" + printable(name) + "' is not an allowed dnf option (allowed: --config=, --releasever=,"
                + " --noplugins, --enableplugin=, --disableplugin=, --repo=, --repoid=, --enablerepo=, --disablerepo=,"
                + " --setopt=KEY=VALUE with KEY one of " + SETOPT_KEYS.stream().sorted().toList()
                + "; full names only, dnf's abbreviations are refused)");
    }

    private static Optional<String> setopt(String assignment) {
        var m = SETOPT.matcher(assignment);
        if (!m.matches()) {
            return Optional.of("'--setopt=" + printable(assignment) + "' is not KEY=VALUE or REPO.KEY=VALUE");
        }
        String key = m.group(2);
        if (!SETOPT_KEYS.contains(key)) {
            return Optional.of("'--setopt=" + printable(assignment) + "': option '" + key
                    + "' may not be set (allowed keys: " + SETOPT_KEYS.stream().sorted().toList() + ")");
        }
        if (!SAFE_VALUE.matcher(m.group(3)).matches()) {
            return Optional.of("'--setopt=" + printable(assignment) + "' has characters dnf options never need");
        }
        return Optional.empty();
    }

    /** Throws naming the first refused argument. */
    public static void check(List<String> args) {
        for (String arg : args) {
            problem(arg).ifPresent(p -> {
                throw new IllegalArgumentException("--dnf-arg refused: " + p);
            });
        }
    }

    private static String printable(String s) {
        String p = s.replaceAll("[\\p{Cntrl}]", "?");
        return p.length() > 80 ? p.substring(0, 77) + "..." : p;
    }
}
