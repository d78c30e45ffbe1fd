package io.patchctl.core.verify;

import java.util.List;

/**
 * The RunReport's {@code fix_verification} section: per advisory and per CVE, fixed or not and why.
 *
 * @param source {@code installed-evrs}: compared with the EVRs rpm showed after the upgrade;
 *               {@code discovery}: nothing was installed, discovery's own view (every update pending)
 */
public record FixReport(boolean ran, String source, int fixed, int notFixed, int notApplicable,
                        List<AdvisoryFix> advisories, List<CveFix> cves) {
    public FixReport {
        advisories = advisories == null ? List.of() : List.copyOf(advisories);
        cves = cves == null ? List.of() : List.copyOf(cves);
    }

    /** This report with {@code other}'s advisories and CVEs after its own (the resumed run adds what waited for the reboot). */
    public FixReport plus(FixReport other) {
        if (other == null || !other.ran()) {
            return this;
        }
        if (!ran) {
            return other;
        }
        List<AdvisoryFix> a = new java.util.ArrayList<>(advisories);
        a.addAll(other.advisories());
        List<CveFix> c = new java.util.ArrayList<>(cves);
        c.addAll(other.cves());
        return new FixReport(true, source, fixed + other.fixed(), notFixed + other.notFixed(),
                notApplicable + other.notApplicable(), a, c);
    }

    public static FixReport notRun() {
        return new FixReport(false, null, 0, 0, 0, List.of(), List.of());
    }
}
