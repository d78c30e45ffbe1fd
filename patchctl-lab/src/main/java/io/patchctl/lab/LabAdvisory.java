package io.patchctl.lab;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An advisory in the lab's updateinfo.xml.
 *
 * @param severity "Critical", "Important", "Moderate", "Low", or null for none (dnf then shows no rating)
 * @param packages the update RPMs it ships (normally in the {@code updates} repo)
 */
public record LabAdvisory(String id, Type type, String severity, String title, List<String> cves, List<LabRpm> packages,
                          LocalDate issued) {

    /** The lab's default advisory date (updateinfo's issued; its updated is one day later, which dnf 4 prints). */
    public static final LocalDate DEFAULT_ISSUED = LocalDate.of(2026, 11, 1);

    public LabAdvisory(String id, Type type, String severity, String title, List<String> cves, List<LabRpm> packages) {
        this(id, type, severity, title, cves, packages, null);
    }

    /**
     * This advisory issued (and updated) on {@code date}: approval-age and SLA tests need advisories of
     * different ages. dnf 4 then prints {@code Updated: date}.
     */
    public LabAdvisory withIssued(LocalDate date) {
        return new LabAdvisory(id, type, severity, title, cves, packages, date);
    }

    /** updateinfo's {@code type} attribute. */
    public enum Type {
        SECURITY("security"), BUGFIX("bugfix"), ENHANCEMENT("enhancement");

        final String xml;

        Type(String xml) {
            this.xml = xml;
        }
    }

    public LabAdvisory {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        title = title == null ? id : title;
        cves = cves == null ? List.of() : List.copyOf(cves);
        packages = List.copyOf(packages);
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("advisory " + id + " ships no packages");
        }
    }

    public static LabAdvisory security(String id, String severity, List<String> cves, LabRpm... packages) {
        return new LabAdvisory(id, Type.SECURITY, severity,
                (severity == null ? "" : severity + ": ") + packages[0].name() + " security update", cves, Arrays.asList(packages));
    }

    public static LabAdvisory bugfix(String id, LabRpm... packages) {
        return new LabAdvisory(id, Type.BUGFIX, null, packages[0].name() + " bug fix update", List.of(), Arrays.asList(packages));
    }

    public static LabAdvisory enhancement(String id, LabRpm... packages) {
        return new LabAdvisory(id, Type.ENHANCEMENT, null, packages[0].name() + " enhancement update", List.of(),
                Arrays.asList(packages));
    }
}
