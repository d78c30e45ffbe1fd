package io.patchctl.core.campaign;

import java.util.regex.Pattern;

/**
 * The id forms a campaign accepts, checked strictly before anything runs: an id that matches no form
 * is a usage error, never a selection that silently selects nothing. The same patterns guard the Run
 * Command document's {@code Cves}/{@code Advisories} parameters (modules/patch-manager), so a value
 * SSM lets through is one the agent accepts.
 *
 * <p>Advisory forms are the ones dnf prints on the RHEL family: Red Hat {@code RHSA-2026:1234} (also
 * RHBA/RHEA), Rocky {@code RLSA-2026:1234}, Alma {@code ALSA-2026:1234}, Oracle {@code ELSA-2026-1234},
 * Amazon Linux {@code ALAS2023-2026-123} / {@code ALAS2-2026-1234} / {@code ALAS-2026-1234}, Fedora and
 * EPEL {@code FEDORA-2026-0123456789}, {@code FEDORA-EPEL-2026-0123456789}.
 */
public final class CampaignIds {

    /** MITRE's form: four-digit year, at least four digits of sequence. */
    public static final String CVE_REGEX = "CVE-\\d{4}-\\d{4,}";
    /** One alternative per vendor's form; upper case as dnf prints them. */
    public static final String ADVISORY_REGEX = "(?:(?:RH|RL|AL)[SBE]A-\\d{4}:\\d{4,}"
            + "|EL[SBE]A-\\d{4}-\\d{4,}"
            + "|ALAS(?:2|2023)?-\\d{4}-\\d{3,}"
            + "|FEDORA(?:-EPEL(?:-NEXT)?)?-\\d{4}-[0-9a-f]{10})";

    private static final Pattern CVE = Pattern.compile(CVE_REGEX);
    private static final Pattern ADVISORY = Pattern.compile(ADVISORY_REGEX);
    private static final int MAX_LENGTH = 64;

    private CampaignIds() {
    }

    /** @return {@code id}, or throws naming the bad id and the expected form */
    public static String cve(String id) {
        if (id == null || id.length() > MAX_LENGTH || !CVE.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + printable(id) + "' is not a CVE id (expected CVE-YYYY-NNNN, e.g. CVE-2026-12345)");
        }
        return id;
    }

    /** @return {@code id}, or throws naming the bad id and the accepted forms */
    public static String advisory(String id) {
        if (id == null || id.length() > MAX_LENGTH || !ADVISORY.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + printable(id) + "' is not an advisory id (expected e.g. RHSA-2026:1234,"
                    + " RLSA-2026:1234, ALSA-2026:1234, ELSA-2026-1234, ALAS2023-2026-123, FEDORA-2026-0123456789)");
        }
        return id;
    }

    /** Echoes a bad value back without control characters and cut short, so an error message stays one readable line. */
    private static String printable(String id) {
        if (id == null) {
            return "";
        }
        String cut = id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) + "…" : id;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
