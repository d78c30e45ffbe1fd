package io.patchctl.core.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One computation per key across hosts (or Lambdas), coordinated through a {@link ReportStore}
 * object used as a lease: the first caller creates a PENDING entry with a conditional create
 * ({@code If-None-Match: *}) and becomes its {@link Decision.Owner}; the others poll until the entry is
 * READY (a {@link Decision.Hit}) or FAILED (a {@link Decision.RecentFailure}, so that a throttled model
 * is not asked again by every host). READY entries live for {@code ttl}, FAILED ones for
 * {@code failureTtl}; a PENDING entry older than {@code leaseTimeout} is taken over, and nobody waits
 * longer than {@code maxWait}. Shared by the plan cache and the insight signature cache.
 *
 * <p>Every loop is bounded twice: by the injected clock and by a number of store round trips, so a
 * store that answers inconsistently (an object that a read does not find but a create says exists)
 * or a clock that does not move can never spin a host forever; at the bound the caller computes
 * unshared ({@link Decision.Unshared}). A store that is down is also {@code Unshared}: sharing is an
 * optimisation, never a reason not to patch.
 *
 * @param <V> the shared value, stored as JSON under {@code value}
 */
public final class SingleFlight<V> {

    private static final Logger LOG = LoggerFactory.getLogger(SingleFlight.class);

    /** What a caller must do for a key. */
    public sealed interface Decision<V> {
        /** A fresh shared value: use it. */
        record Hit<V>(V value, String owner, Instant createdAt) implements Decision<V> { }

        /** Another caller failed on this key less than {@code failureTtl} ago: do not retry the expensive call. */
        record RecentFailure<V>(String reason, String owner, Instant failedAt) implements Decision<V> { }

        /** Compute, then call {@link Owner#complete} or {@link Owner#fail}, or {@link Owner#abandon} on a surprise. */
        final class Owner<V> implements Decision<V> {
            private final SingleFlight<V> flight;
            private final String key;

            private Owner(SingleFlight<V> flight, String key) {
                this.flight = flight;
                this.key = key;
            }

            /** Shares the value (best effort: a failed write only costs other callers a computation). */
            public void complete(V value) {
                flight.writeQuietly(key, new Entry(flight.schema, State.READY, flight.clock.instant(), flight.owner,
                        Json.mapper().valueToTree(value), null));
            }

            /** Records the failure so that others fall back for {@code failureTtl} instead of retrying. */
            public void fail(String reason) {
                flight.writeQuietly(key, new Entry(flight.schema, State.FAILED, flight.clock.instant(), flight.owner, null,
                        reason == null ? "unknown" : reason));
            }

            /** Releases the lease without a result (an unexpected error): the next caller computes. */
            public void abandon() {
                try {
                    flight.store.delete(key);
                } catch (RuntimeException e) {
                    LOG.debug("cannot release lease key={} error={}: it times out on its own", key, e.getMessage());
                }
            }
        }

        /** No sharing this time (store down, or the bounds were reached): compute and do not write. */
        record Unshared<V>(String reason) implements Decision<V> { }
    }

    /** Waits between polls; tests pass one that advances their clock instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());
    }

    enum State { PENDING, READY, FAILED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String schema, State state, Instant createdAt, String owner, JsonNode value, String failure) { }

    private final ReportStore store;
    private final JavaType valueType;
    private final String schema;
    private final String owner;
    private final Duration ttl;
    private final Duration failureTtl;
    private final Duration leaseTimeout;
    private final Duration maxWait;
    private final Duration pollInterval;
    private final int maxRoundTrips;
    private final Clock clock;
    private final Sleeper sleeper;

    private SingleFlight(Builder<V> b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.valueType = Objects.requireNonNull(b.valueType, "valueType");
        this.schema = Objects.requireNonNull(b.schema, "schema");
        this.owner = b.owner == null ? "unknown" : b.owner;
        this.ttl = positive(b.ttl, "ttl");
        this.failureTtl = positive(b.failureTtl, "failureTtl");
        this.leaseTimeout = positive(b.leaseTimeout, "leaseTimeout");
        this.maxWait = positive(b.maxWait == null ? b.leaseTimeout : b.maxWait, "maxWait");
        this.pollInterval = positive(b.pollInterval, "pollInterval");
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.sleeper = b.sleeper == null ? Sleeper.SYSTEM : b.sleeper;
        // enough polls to wait maxWait, plus room for expiry and create races; never unbounded
        this.maxRoundTrips = (int) Math.min(10_000, maxWait.toMillis() / Math.max(1, pollInterval.toMillis()) + 20);
    }

    public static <V> Builder<V> builder(Class<V> valueType) {
        return new Builder<>(Json.mapper().constructType(valueType));
    }

    /** The decision for {@code key}: reuse, fall back, compute as owner, or compute unshared. */
    public Decision<V> acquire(String key) {
        return acquire(key, value -> ttl);
    }

    /**
     * As {@link #acquire(String)}, but a READY value lives for {@code lifetime.apply(value)} (null for
     * {@code ttl}, never longer than it; zero makes the value unusable, so it is replaced): the plan
     * cache re-asks sooner for a plan that holds allowed updates.
     */
    public Decision<V> acquire(String key, Function<? super V, Duration> lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        Instant waitUntil = clock.instant().plus(maxWait);
        try {
            for (int trip = 0; trip < maxRoundTrips; trip++) {
                Optional<Entry> existing = read(key);
                Instant now = clock.instant();
                if (existing.isEmpty()) {
                    // owner and time make the lease ours alone: an SDK retry's 412 for our own create still owns it
                    // (else the caller waited on its own lease until its round trips ran out)
                    if (store.putIfAbsentOrOwn(key, Json.bytes(new Entry(schema, State.PENDING, now, owner, null, null)))) {
                        return new Decision.Owner<>(this, key);
                    }
                    pause(); // another caller created it between our read and our create; let it land
                    continue;
                }
                Entry entry = existing.get();
                switch (entry.state()) {
                    case READY -> {
                        if (entry.createdAt().plus(ttl).isAfter(now)) {
                            Optional<V> value = decodeValue(key, entry);
                            if (value.isPresent() && entry.createdAt().plus(shorter(lifetime.apply(value.get()))).isAfter(now)) {
                                return new Decision.Hit<>(value.get(), entry.owner(), entry.createdAt());
                            }
                        }
                        deleteIfUnchanged(key, entry); // expired or unusable
                    }
                    case FAILED -> {
                        if (entry.createdAt().plus(failureTtl).isAfter(now)) {
                            return new Decision.RecentFailure<>(entry.failure(), entry.owner(), entry.createdAt());
                        }
                        deleteIfUnchanged(key, entry);
                    }
                    case PENDING -> {
                        if (entry.createdAt().plus(leaseTimeout).isBefore(now) || !now.isBefore(waitUntil)) {
                            LOG.warn("lease not released key={} owner={} since={}: taking over", key, entry.owner(), entry.createdAt());
                            store.put(key, Json.bytes(new Entry(schema, State.PENDING, now, owner, null, null)));
                            return new Decision.Owner<>(this, key);
                        }
                        pause();
                    }
                    default -> throw new IllegalStateException("unknown state " + entry.state());
                }
            }
            LOG.warn("no decision after {} store round trips key={}: computing unshared", maxRoundTrips, key);
            return new Decision.Unshared<>("no stable entry after " + maxRoundTrips + " store round trips");
        } catch (StoreUnavailableException e) {
            LOG.warn("store unavailable store={} key={} error={}: computing unshared", store.describe(), key, e.getMessage());
            return new Decision.Unshared<>("store unavailable: " + e.getMessage());
        }
    }

    /** Whether an unreadable or foreign entry is there (it is replaced on the next {@link #acquire}). */
    private Optional<Entry> read(String key) {
        Optional<byte[]> bytes = store.get(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            Entry entry = Json.mapper().readValue(bytes.get(), Entry.class);
            if (entry.state() == null || entry.createdAt() == null || !schema.equals(entry.schema())) {
                throw new IOException("not a " + schema + " entry");
            }
            return Optional.of(entry);
        } catch (IOException e) {
            // A corrupt or older-format entry must not wedge the fleet: treat it as expired.
            LOG.warn("unusable entry key={} error={}: replacing it", key, e.getMessage());
            store.delete(key);
            return Optional.empty();
        }
    }

    private Optional<V> decodeValue(String key, Entry entry) {
        try {
            return Optional.ofNullable(Json.mapper().convertValue(entry.value(), valueType));
        } catch (IllegalArgumentException e) {
            LOG.warn("unusable value key={} error={}", key, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Deletes a stale entry only if it is still the one we judged stale: another caller may already
     * have replaced it with its own lease. (ReportStore has no conditional delete, so a small window
     * remains in which two callers both compute; that costs one extra computation, never a wrong value.)
     */
    private void deleteIfUnchanged(String key, Entry stale) {
        Optional<Entry> now = read(key);
        if (now.isPresent() && now.get().state() == stale.state() && now.get().createdAt().equals(stale.createdAt())) {
            store.delete(key);
        }
    }

    private void writeQuietly(String key, Entry entry) {
        try {
            store.put(key, Json.bytes(entry));
        } catch (RuntimeException e) {
            LOG.warn("cannot write entry key={} state={} error={}", key, entry.state(), e.getMessage());
        }
    }

    private void pause() {
        try {
            sleeper.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for another caller's result");
        }
    }

    private Duration shorter(Duration lifetime) {
        return lifetime == null || lifetime.compareTo(ttl) > 0 ? ttl : lifetime;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
        return d;
    }

    public static final class Builder<V> {
        private final JavaType valueType;
        private ReportStore store;
        private String schema;
        private String owner;
        private Duration ttl;
        private Duration failureTtl = Duration.ofMinutes(5);
        private Duration leaseTimeout;
        private Duration maxWait;
        private Duration pollInterval = Duration.ofMillis(500);
        private Clock clock;
        private Sleeper sleeper;

        private Builder(JavaType valueType) {
            this.valueType = valueType;
        }

        public Builder<V> store(ReportStore store) {
            this.store = store;
            return this;
        }

        /** Written into every entry; an entry of another schema is replaced. */
        public Builder<V> schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** Written into entries so that operators see who computed a value. */
        public Builder<V> owner(String owner) {
            this.owner = owner;
            return this;
        }

        public Builder<V> ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder<V> failureTtl(Duration failureTtl) {
            this.failureTtl = failureTtl;
            return this;
        }

        /** How old a PENDING entry may be before its owner is presumed dead. */
        public Builder<V> leaseTimeout(Duration leaseTimeout) {
            this.leaseTimeout = leaseTimeout;
            return this;
        }

        /** How long one caller waits for another's result (default: the lease timeout). */
        public Builder<V> maxWait(Duration maxWait) {
            this.maxWait = maxWait;
            return this;
        }

        public Builder<V> pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public Builder<V> clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder<V> sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public SingleFlight<V> build() {
            return new SingleFlight<>(this);
        }
    }
}
