package io.patchctl.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.store.SingleFlight.Decision;
import io.patchctl.testkit.InMemoryReportStore;
import io.patchctl.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    record Value(String text, int n) { }

    private static final String KEY = "shared/dev/abc.json";
    private final InMemoryReportStore store = new InMemoryReportStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
    private final AtomicInteger sleeps = new AtomicInteger();
    /** Sleeping moves the test clock instead of the wall clock: no test waits or races. */
    private final SingleFlight.Sleeper advancing = d -> {
        sleeps.incrementAndGet();
        clock.advance(d);
    };

    private SingleFlight<Value> flight(String owner) {
        return SingleFlight.builder(Value.class).store(store).schema("patchctl.test/v1").owner(owner)
                .ttl(Duration.ofHours(6)).failureTtl(Duration.ofMinutes(5)).leaseTimeout(Duration.ofSeconds(50))
                .maxWait(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1)).clock(clock).sleeper(advancing).build();
    }

    @Test
    void firstCallerOwns_secondReusesTheValue() {
        Decision<Value> first = flight("host-a").acquire(KEY);
        assertThat(first).isInstanceOf(Decision.Owner.class);
        ((Decision.Owner<Value>) first).complete(new Value("plan", 3));

        Decision<Value> second = flight("host-b").acquire(KEY);
        assertThat(second).isEqualTo(new Decision.Hit<>(new Value("plan", 3), "host-a", clock.instant()));
        assertThat(sleeps).hasValue(0);
    }

    @Test
    void createAnsweredAsTakenForOurOwnLease_isOurs_noWaitingOnIt_butAnotherCallersLeaseIsNot() {
        // an SDK retry of a conditional create whose first attempt landed: the store has our lease, the answer is 412
        ReportStore lostAnswer = new io.patchctl.testkit.FaultyStore(store).loseCreateResponses();
        SingleFlight<Value> a = SingleFlight.builder(Value.class).store(lostAnswer).schema("patchctl.test/v1").owner("host-a")
                .ttl(Duration.ofHours(6)).leaseTimeout(Duration.ofSeconds(50)).maxWait(Duration.ofSeconds(10))
                .pollInterval(Duration.ofSeconds(1)).clock(clock).sleeper(advancing).build();

        assertThat(a.acquire(KEY)).isInstanceOf(Decision.Owner.class);
        assertThat(sleeps).hasValue(0);

        // host-b finds host-a's lease: it waits for it (and takes over only after maxWait), it is not its own
        Decision<Value> b = flight("host-b").acquire(KEY);
        assertThat(b).isNotInstanceOf(Decision.Hit.class);
        assertThat(sleeps.get()).isPositive();
    }

    @Test
    void failure_isRememberedForFailureTtl_thenRecomputed() {
        ((Decision.Owner<Value>) flight("host-a").acquire(KEY)).fail("ThrottlingException");

        Decision<Value> soon = flight("host-b").acquire(KEY);
        assertThat(soon).isInstanceOf(Decision.RecentFailure.class);
        assertThat(((Decision.RecentFailure<Value>) soon).reason()).isEqualTo("ThrottlingException");
        assertThat(((Decision.RecentFailure<Value>) soon).owner()).isEqualTo("host-a");

        clock.advance(Duration.ofMinutes(6));
        assertThat(flight("host-c").acquire(KEY)).isInstanceOf(Decision.Owner.class);
    }

    @Test
    void expiredValue_isRecomputedByTheNextCaller() {
        ((Decision.Owner<Value>) flight("host-a").acquire(KEY)).complete(new Value("old", 1));
        clock.advance(Duration.ofHours(7));

        Decision<Value> next = flight("host-b").acquire(KEY);
        assertThat(next).isInstanceOf(Decision.Owner.class);
        ((Decision.Owner<Value>) next).complete(new Value("new", 2));
        assertThat(flight("host-c").acquire(KEY)).isEqualTo(new Decision.Hit<>(new Value("new", 2), "host-b", clock.instant()));
    }

    @Test
    void shorterLifetimeForAValue_expiresItEarlier_neverLaterThanTtl() {
        ((Decision.Owner<Value>) flight("host-a").acquire(KEY)).complete(new Value("holds", 0));
        clock.advance(Duration.ofHours(2));
        assertThat(flight("host-b").acquire(KEY, v -> Duration.ofHours(3))).isInstanceOf(Decision.Hit.class);
        assertThat(flight("host-b").acquire(KEY, v -> Duration.ofDays(30))).isInstanceOf(Decision.Hit.class);

        clock.advance(Duration.ofHours(2));
        assertThat(flight("host-b").acquire(KEY, v -> v.n() == 0 ? Duration.ofHours(3) : null)).isInstanceOf(Decision.Owner.class);
    }

    @Test
    void waiter_getsTheOwnersValue_whenItLandsDuringTheWait() {
        Decision.Owner<Value> owner = (Decision.Owner<Value>) flight("host-a").acquire(KEY);
        SingleFlight<Value> waiter = SingleFlight.builder(Value.class).store(store).schema("patchctl.test/v1").owner("host-b")
                .ttl(Duration.ofHours(6)).leaseTimeout(Duration.ofSeconds(50)).maxWait(Duration.ofSeconds(10))
                .pollInterval(Duration.ofSeconds(1)).clock(clock)
                .sleeper(d -> {
                    if (sleeps.incrementAndGet() == 3) {
                        owner.complete(new Value("plan", 7)); // the owner finishes while host-b polls
                    }
                    clock.advance(d);
                }).build();

        Decision<Value> decision = waiter.acquire(KEY);

        assertThat(decision).isInstanceOf(Decision.Hit.class);
        assertThat(((Decision.Hit<Value>) decision).value()).isEqualTo(new Value("plan", 7));
        assertThat(sleeps).hasValue(3);
    }

    @Test
    void waiter_takesOver_afterMaxWait() {
        flight("host-a").acquire(KEY); // owner never completes (killed)

        Decision<Value> decision = flight("host-b").acquire(KEY);

        assertThat(decision).isInstanceOf(Decision.Owner.class);
        assertThat(sleeps).hasValue(10); // maxWait 10 s / poll 1 s
        assertThat(new String(store.get(KEY).orElseThrow(), StandardCharsets.UTF_8)).contains("\"owner\" : \"host-b\"");
    }

    @Test
    void abandonedLease_isFreeForTheNextCaller() {
        ((Decision.Owner<Value>) flight("host-a").acquire(KEY)).abandon();
        assertThat(store.get(KEY)).isEmpty();
        assertThat(flight("host-b").acquire(KEY)).isInstanceOf(Decision.Owner.class);
        assertThat(sleeps).hasValue(0);
    }

    @Test
    void inconsistentStoreAndFrozenClock_neverSpinForever() {
        // a read that never finds the object and a create that always says it exists: a store mid-race,
        // with a clock that does not move: the loop must still end
        ReportStore liar = new io.patchctl.testkit.InconsistentStore();
        SingleFlight<Value> f = SingleFlight.builder(Value.class).store(liar).schema("patchctl.test/v1")
                .ttl(Duration.ofHours(6)).leaseTimeout(Duration.ofSeconds(50)).maxWait(Duration.ofSeconds(10))
                .pollInterval(Duration.ofSeconds(1)).clock(clock).sleeper(d -> sleeps.incrementAndGet()).build();

        Decision<Value> decision = f.acquire(KEY);

        assertThat(decision).isInstanceOf(Decision.Unshared.class);
        assertThat(((Decision.Unshared<Value>) decision).reason()).contains("store round trips");
        assertThat(sleeps.get()).isBetween(10, 40);
    }

    @Test
    void storeDown_isUnshared_notAnError() {
        store.setDown(true);
        Decision<Value> decision = flight("host-a").acquire(KEY);
        assertThat(decision).isInstanceOf(Decision.Unshared.class);
        assertThat(((Decision.Unshared<Value>) decision).reason()).startsWith("store unavailable");
    }

    @Test
    void corruptOrForeignEntry_isReplaced() {
        store.put(KEY, "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(flight("host-a").acquire(KEY)).isInstanceOf(Decision.Owner.class);

        store.put(KEY, "{\"schema\":\"patchctl.other/v9\",\"state\":\"READY\",\"created_at\":\"2026-12-01T02:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(flight("host-b").acquire(KEY)).isInstanceOf(Decision.Owner.class);
    }

    @Test
    void builder_rejectsMissingDurations() {
        assertThatThrownBy(() -> SingleFlight.builder(Value.class).store(store).schema("s").leaseTimeout(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ttl must be a positive duration, was null");
    }

    @Test
    void twentyConcurrentCallers_exactlyOneOwner() throws Exception {
        InMemoryReportStore shared = new InMemoryReportStore();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        AtomicInteger owners = new AtomicInteger();
        try {
            List<Callable<Decision<Value>>> tasks = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String owner = "host-" + i;
                tasks.add(() -> {
                    // real clock and sleeps here: the point is the store's atomic create under contention
                    SingleFlight<Value> f = SingleFlight.builder(Value.class).store(shared).schema("patchctl.test/v1").owner(owner)
                            .ttl(Duration.ofHours(1)).leaseTimeout(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5)).build();
                    Decision<Value> d = f.acquire(KEY);
                    if (d instanceof Decision.Owner<Value> o) {
                        owners.incrementAndGet();
                        o.complete(new Value("plan", 1));
                    }
                    return d;
                });
            }
            List<Decision<Value>> decisions = new ArrayList<>();
            for (Future<Decision<Value>> f : pool.invokeAll(tasks)) {
                decisions.add(f.get());
            }
            assertThat(owners).hasValue(1);
            assertThat(decisions).filteredOn(Decision.Hit.class::isInstance).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
    }
}
