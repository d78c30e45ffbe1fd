package io.patchctl.core.plan.approval;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.PolicyGuard;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The holds of {@code approve_after_days} and {@code exceptions} on one day: the single place that
 * decides them, used by {@link io.patchctl.core.plan.PolicyRules#holdReason} (so RulesAdvisor and
 * PolicyGuard agree), by the plan fingerprint and by the report.
 *
 * <p>Age: a package is held while any of its advisories is younger than its severity's wait, because
 * {@code dnf upgrade NAME} installs the newest EVR, which carries the young advisory's change too. It
 * becomes approvable on {@code issued + days} (UTC dates). An advisory without a date is never held by
 * age: discovery will not learn its date on a later run, so a hold would last forever, and a per-host
 * "first seen" clock would make each new host of an Auto Scaling group wait again while the others
 * patched. It is approved and named in the report ({@link ApprovalAgeSection#undated()}); an operator who
 * wants it held writes an exception for its advisory.
 */
public final class ApprovalRules {

    /** An exception that lapses within this many days is reported as lapsing. */
    public static final int LAPSING_WITHIN_DAYS = 7;

    private final ApprovalPolicy policy;
    private final LocalDate today;

    public ApprovalRules(ApprovalPolicy policy, LocalDate today) {
        this.policy = policy == null ? ApprovalPolicy.NONE : policy;
        this.today = java.util.Objects.requireNonNull(today, "today");
    }

    /**
     * Judged on the policy's own date. A policy no run has dated (only callers outside AgentWorkflow, which
     * dates it from the run's clock) is judged on today's UTC date.
     */
    public static ApprovalRules of(ApprovalPolicy policy) {
        ApprovalPolicy p = policy == null ? ApprovalPolicy.NONE : policy;
        return new ApprovalRules(p, p.evaluatedOn() != null ? p.evaluatedOn() : LocalDate.now(Clock.systemUTC()));
    }

    public LocalDate today() {
        return today;
    }

    /** Why the exceptions or the age rule hold this package today, or empty. An exception's reason comes first. */
    public Optional<String> holdReason(String name, Collection<SecurityUpdate> updates) {
        Optional<Exemption> exemption = holdingException(name, updates);
        if (exemption.isPresent()) {
            Exemption e = exemption.get();
            return Optional.of("held by " + e.describe() + ": " + e.reason()
                    + (e.expires() == null ? " (no expiry)" : " (until " + e.expires() + ")"));
        }
        return ageHold(name, updates).map(AgeHold::reason);
    }

    /** The first exception in force that matches the package, or empty. */
    public Optional<Exemption> holdingException(String name, Collection<SecurityUpdate> updates) {
        return policy.exceptions().stream().filter(e -> e.inForceOn(today) && e.matches(name, updates)).findFirst();
    }

    /** The age hold of this package today: the advisory that keeps it longest, or empty when none is too young. */
    public Optional<AgeHold> ageHold(String name, Collection<SecurityUpdate> updates) {
        AgeHold longest = null;
        for (SecurityUpdate u : updates) {
            int days = policy.daysFor(u.severity());
            if (days == 0 || u.issued() == null) {
                continue;
            }
            LocalDate approvable = u.issued().plusDays(days);
            if (today.isBefore(approvable) && (longest == null || approvable.isAfter(longest.approvableOn()))) {
                long age = ChronoUnit.DAYS.between(u.issued(), today);
                String reason = "advisory " + u.advisoryId() + " (" + u.severity().label() + ") issued " + u.issued()
                        + (age < 0 ? " is dated in the future" : " is " + age + " day(s) old")
                        + "; policy approves " + label(u.severity()) + " after " + days + " day(s): approvable on "
                        + approvable;
                longest = new AgeHold(name, u.advisoryId(), u.severity(), u.issued(), age, days, approvable, reason);
            }
        }
        return Optional.ofNullable(longest);
    }

    /**
     * What these rules decide about the update set, canonically, for {@link io.patchctl.core.plan.PlanFingerprint}:
     * per held package, the exception holding it or the day it becomes approvable. It changes on exactly
     * the day an update becomes approvable or an exception lapses, so a cached plan never outlives that
     * day; it does not change day by day while the outcome stays the same, so hosts keep sharing the plan.
     * Empty when nothing is held by these rules.
     */
    public String fingerprint(Collection<SecurityUpdate> updates) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(PolicyGuard.byName(List.copyOf(updates))).forEach((name, list) -> {
            Optional<Exemption> e = holdingException(name, list);
            if (e.isPresent()) {
                Exemption x = e.get();
                sb.append("exception ").append(fields(name, String.valueOf(x.index()), x.target().key(), x.value(),
                        x.reason(), x.owner(), String.valueOf(x.expires()))).append('\n');
            } else {
                ageHold(name, list).ifPresent(h -> sb.append("age ")
                        .append(fields(name, h.advisoryId(), h.approvableOn().toString())).append('\n'));
            }
        });
        return sb.toString();
    }

    /** The report's exceptions section, or null when the policy has none. */
    public ExceptionsSection exceptionsSection(Collection<SecurityUpdate> discovered) {
        if (policy.exceptions().isEmpty()) {
            return null;
        }
        Map<String, List<SecurityUpdate>> byName = PolicyGuard.byName(List.copyOf(discovered));
        List<ExceptionStatus> entries = new ArrayList<>();
        for (Exemption e : policy.exceptions()) {
            List<String> matched = byName.entrySet().stream().filter(x -> e.matches(x.getKey(), x.getValue()))
                    .map(Map.Entry::getKey).toList();
            boolean inForce = e.inForceOn(today);
            Integer daysLeft = e.expires() == null ? null : (int) ChronoUnit.DAYS.between(today, e.expires());
            ExceptionState state = !inForce ? ExceptionState.LAPSED
                    : daysLeft != null && daysLeft <= LAPSING_WITHIN_DAYS ? ExceptionState.LAPSING : ExceptionState.ACTIVE;
            String note;
            if (state == ExceptionState.LAPSED) {
                note = e.describe() + " lapsed on " + e.expires() + (matched.isEmpty() ? "; it matches nothing pending"
                        : "; allowed again: " + String.join(", ", matched));
            } else {
                note = e.describe() + (matched.isEmpty() ? " holds nothing pending" : " holds " + String.join(", ", matched))
                        + (e.expires() == null ? "; it has no expiry"
                        : state == ExceptionState.LAPSING ? "; it lapses on " + e.expires() + " (in " + daysLeft + " day(s))"
                        : "; until " + e.expires());
            }
            entries.add(new ExceptionStatus(e.index(), e.target().key(), e.value(), e.reason(), e.owner(), e.expires(),
                    state, e.expires() == null, daysLeft, inForce ? matched : List.of(), inForce ? List.of() : matched, note));
        }
        return ExceptionsSection.of(today, entries);
    }

    /** The report's approval_age section, or null when the policy sets no wait. */
    public ApprovalAgeSection ageSection(Collection<SecurityUpdate> discovered) {
        if (policy.approveAfterDays().values().stream().allMatch(n -> n == 0)) {
            return null;
        }
        Map<String, Integer> waits = new LinkedHashMap<>();
        policy.approveAfterDays().forEach((s, n) -> waits.put(key(s), n));
        List<AgeHold> held = new ArrayList<>();
        List<String> undated = new ArrayList<>();
        PolicyGuard.byName(List.copyOf(discovered)).forEach((name, list) -> {
            ageHold(name, list).ifPresent(held::add);
            list.stream().filter(u -> u.issued() == null && policy.daysFor(u.severity()) > 0).findFirst()
                    .ifPresent(u -> undated.add(name + " (" + u.advisoryId() + ")"));
        });
        return new ApprovalAgeSection(today, waits, held, undated);
    }

    /** Sentences for the report's notes: lapsed, lapsing and open-ended exceptions, undated advisories. */
    public List<String> notes(Collection<SecurityUpdate> discovered) {
        List<String> notes = new ArrayList<>();
        ExceptionsSection exceptions = exceptionsSection(discovered);
        if (exceptions != null) {
            exceptions.entries().stream().filter(e -> e.state() != ExceptionState.ACTIVE || e.noExpiry())
                    .forEach(e -> notes.add(e.note()));
        }
        ApprovalAgeSection age = ageSection(discovered);
        if (age != null && !age.undated().isEmpty()) {
            notes.add(age.undated().size() + " update(s) approved without an age check, their advisory has no date: "
                    + String.join(", ", age.undated()));
        }
        return notes;
    }

    /** The policy key of a severity: critical … low, unrated. */
    public static String key(Severity severity) {
        return severity == Severity.UNKNOWN ? "unrated" : severity.name().toLowerCase(Locale.ROOT);
    }

    private static String label(Severity severity) {
        return severity == Severity.UNKNOWN ? "unrated advisories" : severity.label();
    }

    private static String fields(String... values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(v.length()).append(':').append(v).append(';');
        }
        return sb.toString();
    }
}
