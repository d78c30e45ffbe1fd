package io.patchctl.core.plan.approval;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.plan.PackageGlob;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of the policy's {@code exceptions:} list: hold the updates it matches, for a reason, on an
 * owner's word, until it expires. It is in force on every day before {@code expires} and lapses on
 * that day (the date is the first day the update is allowed again, like the "approvable on" date of an
 * age hold); without {@code expires} it never lapses, and the report says so.
 *
 * @param index   position in the policy's list (0-based), so the report and errors name the entry
 * @param target  what {@code value} matches
 * @param value   a package-name glob, an advisory id or a CVE id (upper case)
 * @param expires first day the exception no longer holds, or null (no expiry)
 */
public record Exemption(int index, Target target, String value, String reason, String owner, LocalDate expires) {

    /** The one key an entry matches by. */
    public enum Target {
        PACKAGE, ADVISORY, CVE;

        /** The policy key: package, advisory, cve. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Exemption {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(owner, "owner");
        if (target == Target.PACKAGE) {
            PackageGlob.of(value); // fails fast on a glob the loader would also refuse
        }
    }

    /** True when this entry names the package or one of the advisories (or CVEs) that fix it. */
    public boolean matches(String name, Collection<SecurityUpdate> updates) {
        return switch (target) {
            case PACKAGE -> PackageGlob.of(value).matches(name);
            case ADVISORY -> updates.stream().anyMatch(u -> u.advisoryId().equalsIgnoreCase(value));
            case CVE -> updates.stream().anyMatch(u -> u.cves().stream().anyMatch(c -> c.equalsIgnoreCase(value)));
        };
    }

    /** In force on {@code day}: no expiry, or {@code day} is before {@code expires}. */
    public boolean inForceOn(LocalDate day) {
        return expires == null || day.isBefore(expires);
    }

    /** "exception #2 (cve CVE-2024-6387, owner alice)". */
    public String describe() {
        return "exception #" + index + " (" + target.key() + " " + value + ", owner " + owner + ")";
    }
}
