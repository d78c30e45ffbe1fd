package io.patchctl.core.advisory;

/**
 * rpm's ordering of {@code [epoch:]version-release} strings, as {@code rpmvercmp} in rpm's
 * lib/rpmvercmp.c defines it: separators are ignored, digit runs compare numerically and beat letter
 * runs, {@code ~} sorts before everything (pre-releases), {@code ^} after the end but before anything
 * else (post-release snapshots). Lets the agent verify "installed EVR >= fixed EVR" from one
 * {@code rpm -q} instead of another dnf run.
 */
public final class RpmVersion {

    private RpmVersion() {
    }

    /** Compares two {@code [epoch:]version-release} strings; a missing epoch is 0, a missing release sorts first. */
    public static int compareEvr(String a, String b) {
        String[] x = split(a);
        String[] y = split(b);
        int epoch = Long.compare(parseEpoch(x[0]), parseEpoch(y[0]));
        if (epoch != 0) {
            return epoch;
        }
        int version = vercmp(x[1], y[1]);
        return version != 0 ? version : vercmp(x[2], y[2]);
    }

    private static String[] split(String evr) {
        String s = evr == null ? "" : evr.strip();
        int colon = s.indexOf(':');
        String epoch = colon < 0 ? "0" : s.substring(0, colon);
        String vr = colon < 0 ? s : s.substring(colon + 1);
        int dash = vr.lastIndexOf('-');
        return dash < 0 ? new String[] {epoch, vr, ""} : new String[] {epoch, vr.substring(0, dash), vr.substring(dash + 1)};
    }

    private static long parseEpoch(String epoch) {
        try {
            return epoch.isEmpty() ? 0 : Long.parseLong(epoch);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** rpmvercmp: -1, 0 or 1. */
    public static int vercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            // tilde: sorts before everything, even the end of the string
            boolean ta = i < a.length() && a.charAt(i) == '~';
            boolean tb = j < b.length() && b.charAt(j) == '~';
            if (ta || tb) {
                if (!ta) {
                    return 1;
                }
                if (!tb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            // caret: sorts after the end of the string, before any other segment
            boolean ca = i < a.length() && a.charAt(i) == '^';
            boolean cb = j < b.length() && b.charAt(j) == '^';
            if (ca || cb) {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (!ca) {
                    return 1;
                }
                if (!cb) {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            boolean numeric = isDigit(a.charAt(i));
            int si = i;
            int sj = j;
            while (i < a.length() && (numeric ? isDigit(a.charAt(i)) : isAlpha(a.charAt(i)))) {
                i++;
            }
            while (j < b.length() && (numeric ? isDigit(b.charAt(j)) : isAlpha(b.charAt(j)))) {
                j++;
            }
            String x = a.substring(si, i);
            String y = b.substring(sj, j);
            if (y.isEmpty()) {
                // segments of different kinds: a number is newer than letters
                return numeric ? 1 : -1;
            }
            if (numeric) {
                x = x.replaceFirst("^0+", "");
                y = y.replaceFirst("^0+", "");
                if (x.length() != y.length()) {
                    return x.length() > y.length() ? 1 : -1;
                }
            }
            int c = x.compareTo(y);
            if (c != 0) {
                return c > 0 ? 1 : -1;
            }
        }
        boolean restA = i < a.length();
        boolean restB = j < b.length();
        if (!restA && !restB) {
            return 0;
        }
        return restA ? 1 : -1;
    }

    /** ASCII only, as rpm's risalnum: anything else is a separator (and can never stall the loop). */
    private static boolean isAlnum(char c) {
        return isDigit(c) || isAlpha(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
