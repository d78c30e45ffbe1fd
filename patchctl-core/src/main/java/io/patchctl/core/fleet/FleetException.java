package io.patchctl.core.fleet;

import io.patchctl.core.plan.approval.ExceptionState;
import io.patchctl.core.plan.approval.ExceptionStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One policy exception across the fleet (fleet report {@code exceptions[]}): the same entry (match, value,
 * owner, reason, expires) seen by several hosts' runs is one row.
 *
 * @param state             as the most recent run that saw it judged it (hosts that ran on an earlier day may differ)
 * @param asOf              that run's timestamp
 * @param hosts             hosts whose run saw the entry
 * @param holdingHosts      hosts on which it held a pending update
 * @param allowedAgainHosts hosts on which it had lapsed, so the update it matches was allowed again
 * @param packages          the packages it held or let go, over all hosts
 */
public record FleetException(String match, String value, String reason, String owner, LocalDate expires,
                             ExceptionState state, boolean noExpiry, String asOf, List<String> hosts,
                             List<String> holdingHosts, List<String> allowedAgainHosts, List<String> packages) {

    public FleetException {
        hosts = List.copyOf(hosts);
        holdingHosts = List.copyOf(holdingHosts);
        allowedAgainHosts = List.copyOf(allowedAgainHosts);
        packages = List.copyOf(packages);
    }

    /** Lapsing first (someone must act), then lapsed, then active; earliest expiry first within each. */
    static final Comparator<FleetException> ORDER = Comparator
            .comparingInt((FleetException e) -> switch (e.state()) {
                case LAPSING -> 0;
                case LAPSED -> 1;
                case ACTIVE -> 2;
            })
            .thenComparing(FleetException::expires, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(FleetException::match).thenComparing(FleetException::value);

    /** Every distinct exception the hosts' runs reported. */
    public static List<FleetException> of(List<HostResult> hosts) {
        Map<List<Object>, Acc> byEntry = new LinkedHashMap<>();
        for (HostResult h : hosts) {
            for (ExceptionStatus e : h.exceptions()) {
                List<Object> key = java.util.Arrays.asList(e.match(), e.value(), e.owner(), e.reason(), e.expires());
                byEntry.computeIfAbsent(key, k -> new Acc(e)).add(h, e);
            }
        }
        List<FleetException> out = new ArrayList<>();
        byEntry.values().forEach(a -> out.add(a.build()));
        out.sort(ORDER);
        return out;
    }

    private static final class Acc {
        final ExceptionStatus first;
        ExceptionStatus latest;
        String latestAt = "";
        final List<String> hosts = new ArrayList<>();
        final List<String> holding = new ArrayList<>();
        final List<String> allowedAgain = new ArrayList<>();
        final TreeSet<String> packages = new TreeSet<>();

        Acc(ExceptionStatus first) {
            this.first = first;
            this.latest = first;
        }

        void add(HostResult h, ExceptionStatus e) {
            hosts.add(h.instanceId());
            if (!e.holding().isEmpty()) {
                holding.add(h.instanceId());
            }
            if (!e.allowedAgain().isEmpty()) {
                allowedAgain.add(h.instanceId());
            }
            packages.addAll(e.holding());
            packages.addAll(e.allowedAgain());
            if (h.timestamp().compareTo(latestAt) >= 0) { // ISO instants sort as text
                latest = e;
                latestAt = h.timestamp();
            }
        }

        FleetException build() {
            return new FleetException(first.match(), first.value(), first.reason(), first.owner(), first.expires(),
                    Objects.requireNonNullElse(latest.state(), ExceptionState.ACTIVE), first.noExpiry(), latestAt,
                    hosts, holding, allowedAgain, new ArrayList<>(packages));
        }
    }
}
