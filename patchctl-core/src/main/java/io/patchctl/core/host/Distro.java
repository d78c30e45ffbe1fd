package io.patchctl.core.host;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The host's distribution as its {@code /etc/os-release} names it (os-release(5)): RHEL, Rocky Linux,
 * AlmaLinux, Oracle Linux and Amazon Linux 2023 run the same dnf 4, but their advisories, kernels and
 * repositories differ, and a report or a prompt must never call a Rocky 9 host "RHEL 8".
 *
 * @param id         {@code ID} ("rhel", "rocky", "almalinux", "ol", "amzn"), lower case; "" when unknown
 * @param versionId  {@code VERSION_ID} ("9.3", "8.10", "2023"); "" when unknown
 * @param name       {@code NAME} ("Rocky Linux"); "" when unknown
 * @param prettyName {@code PRETTY_NAME} ("Rocky Linux 9.3 (Blue Onyx)"); "" when unknown
 */
public record Distro(String id, String versionId, String name, String prettyName) {

    /** What a host whose os-release could not be read is reported as. */
    public static final Distro UNKNOWN = new Distro("", "", "", "");

    public Distro {
        id = clean(id).toLowerCase(Locale.ROOT);
        versionId = clean(versionId);
        name = clean(name);
        prettyName = clean(prettyName);
    }

    /**
     * Parses os-release text: {@code KEY=value} lines, values optionally in single or double quotes with
     * backslash escapes; comments, blank lines and malformed lines are skipped. Never throws.
     */
    public static Distro parse(String osRelease) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String raw : (osRelease == null ? "" : osRelease).split("\\R")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            fields.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return new Distro(fields.get("ID"), fields.get("VERSION_ID"), fields.get("NAME"), fields.get("PRETTY_NAME"));
    }

    @JsonIgnore
    public boolean isKnown() {
        return !id.isEmpty();
    }

    /** Amazon Linux 2023 and later: repositories locked to a release, ALAS ids, kernel6.x names. */
    @JsonIgnore
    public boolean isAmazonLinux() {
        return id.equals("amzn");
    }

    /** The major version ("9" of "9.3", "2023"); "" when unknown. */
    public String majorVersion() {
        int dot = versionId.indexOf('.');
        return dot < 0 ? versionId : versionId.substring(0, dot);
    }

    /** How reports and prompts name the host: "Rocky Linux 9.3"; "an unidentified RHEL-family distribution" when unknown. */
    public String displayName() {
        if (!isKnown()) {
            return "an unidentified RHEL-family distribution";
        }
        String base = name.isEmpty() ? id : name;
        return versionId.isEmpty() ? base : base + " " + versionId;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        }
        return value.replaceAll("\\\\(.)", "$1");
    }

    /** Bounded and printable: os-release is host data that ends up in prompts and reports. */
    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        String printable = value.replaceAll("[^\\p{Print}]", "").strip();
        return printable.length() <= 80 ? printable : printable.substring(0, 80);
    }
}
