package io.patchctl.lab;

import java.util.Locale;

/**
 * The RHEL-family distributions a lab host can pretend to be: what its {@code /etc/os-release} says,
 * how its advisories are named, its dist tag and its {@code releasever}. The os-release texts follow
 * what each distribution ships (NAME, ID, VERSION_ID, PRETTY_NAME, ID_LIKE); only the fields patchctl
 * reads and a few around them are written.
 */
public enum LabDistro {
    RHEL8("Red Hat Enterprise Linux", "rhel", "8.10", "Ootpa", "fedora", "RHSA-%d:%04d", "el8", "8"),
    RHEL9("Red Hat Enterprise Linux", "rhel", "9.4", "Plow", "fedora", "RHSA-%d:%04d", "el9", "9"),
    ROCKY9("Rocky Linux", "rocky", "9.3", "Blue Onyx", "rhel centos fedora", "RLSA-%d:%04d", "el9", "9"),
    ALMA8("AlmaLinux", "almalinux", "8.10", "Cerulean Leopard", "rhel centos fedora", "ALSA-%d:%04d", "el8", "8"),
    ORACLE9("Oracle Linux Server", "ol", "9.4", null, "fedora", "ELSA-%d-%04d", "el9", "9"),
    /** Repositories locked to a release (deterministic upgrades); ALAS2023 ids; kernels named kernel6.1. */
    AL2023("Amazon Linux", "amzn", "2023", null, "fedora", "ALAS2023-%d-%03d", "amzn2023", "2023.6.20241010");

    private final String name;
    private final String id;
    private final String versionId;
    private final String codename;
    private final String idLike;
    private final String advisoryFormat;
    private final String distTag;
    private final String releasever;

    LabDistro(String name, String id, String versionId, String codename, String idLike, String advisoryFormat,
              String distTag, String releasever) {
        this.name = name;
        this.id = id;
        this.versionId = versionId;
        this.codename = codename;
        this.idLike = idLike;
        this.advisoryFormat = advisoryFormat;
        this.distTag = distTag;
        this.releasever = releasever;
    }

    /** The text of the host's {@code /etc/os-release}. */
    public String osRelease() {
        String version = codename == null ? versionId : versionId + " (" + codename + ")";
        return "NAME=\"" + name + "\"\n"
                + "VERSION=\"" + version + "\"\n"
                + "ID=\"" + id + "\"\n"
                + "ID_LIKE=\"" + idLike + "\"\n"
                + "VERSION_ID=\"" + versionId + "\"\n"
                + "PLATFORM_ID=\"platform:" + (this == AL2023 ? "al2023" : distTag) + "\"\n"
                + "PRETTY_NAME=\"" + name + " " + version + "\"\n"
                + "ANSI_COLOR=\"0;31\"\n";
    }

    /** The advisory id of number {@code n} in this distribution's form (RHSA-2026:1001, ELSA-2026-1001, ALAS2023-2026-101). */
    public String advisoryId(int year, int n) {
        return String.format(Locale.ROOT, advisoryFormat, year, n);
    }

    /** The release part's dist tag ({@code el9}, {@code amzn2023}). */
    public String distTag() {
        return distTag;
    }

    /** What {@code --releasever} lab dnf calls get (Debian's dnf cannot find it in the installroot). */
    public String releasever() {
        return releasever;
    }

    public String displayName() {
        return name + " " + versionId;
    }

    public String id() {
        return id;
    }
}
