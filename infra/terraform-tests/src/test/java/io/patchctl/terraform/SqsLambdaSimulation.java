package io.patchctl.terraform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * An SQS queue with a redrive policy, drained by a Lambda event source mapping, in simulated time.
 * Modelled on AWS's documented behaviour: a received message is hidden for the visibility timeout;
 * each receive counts toward maxReceiveCount and the receive after the last allowed one moves it to
 * the dead-letter queue; with ReportBatchItemFailures the messages a function names are left to
 * reappear when their visibility timeout ends, the others are deleted; a function that overruns its
 * timeout is stopped and its whole batch reappears; at most maximumConcurrency invocations run at once.
 * Invocations run one after another in real time, each in its own stretch of simulated time.
 */
final class SqsLambdaSimulation {

    record Settings(int batchSize, Duration functionTimeout, Duration visibilityTimeout, int maxReceiveCount,
                    int maxConcurrency) {
    }

    /** The function under test: handles a batch before {@code deadline} (simulated), returns the ids it hands back. */
    interface Function {
        Set<String> invoke(List<Message> batch, Instant deadline);
    }

    static final class Message {
        final String id;
        final String body;
        int receives;
        Instant visibleAt;
        boolean deleted;
        boolean inDeadLetterQueue;

        Message(String id, String body, Instant visibleAt) {
            this.id = id;
            this.body = body;
            this.visibleAt = visibleAt;
        }

        boolean pending() {
            return !deleted && !inDeadLetterQueue;
        }
    }

    record Outcome(int invocations, int timeouts, Duration makespan) {
    }

    private final Settings settings;
    private final SimulatedClock clock;
    private final List<Message> queue = new ArrayList<>();

    SqsLambdaSimulation(Settings settings, SimulatedClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Message send(String id, String body) {
        Message m = new Message(id, body, clock.instant());
        queue.add(m);
        return m;
    }

    List<Message> messages() {
        return queue;
    }

    Outcome drain(Function function) {
        Instant start = clock.instant();
        record Poller(int id, Instant freeAt) {
        }
        PriorityQueue<Poller> pollers = new PriorityQueue<>(Comparator.comparing(Poller::freeAt).thenComparing(Poller::id));
        for (int i = 0; i < settings.maxConcurrency(); i++) {
            pollers.add(new Poller(i, start));
        }
        int invocations = 0;
        int timeouts = 0;
        Instant end = start;
        while (queue.stream().anyMatch(Message::pending)) {
            Poller poller = pollers.remove();
            clock.set(poller.freeAt());
            List<Message> batch = receive(clock.instant());
            if (batch.isEmpty()) {
                Instant next = queue.stream().filter(Message::pending).map(m -> m.visibleAt)
                        .filter(t -> t.isAfter(clock.instant())).min(Comparator.naturalOrder()).orElse(clock.instant());
                pollers.add(new Poller(poller.id(), next));
                continue;
            }
            invocations++;
            Instant deadline = clock.instant().plus(settings.functionTimeout());
            Set<String> failed = function.invoke(batch, deadline);
            Instant finished = clock.instant();
            if (finished.isAfter(deadline)) {
                timeouts++; // stopped by Lambda: nothing of the batch is deleted
            } else {
                for (Message m : batch) {
                    if (!failed.contains(m.id)) {
                        m.deleted = true;
                    }
                }
            }
            end = max(end, finished);
            pollers.add(new Poller(poller.id(), finished));
        }
        return new Outcome(invocations, timeouts, Duration.between(start, end));
    }

    private List<Message> receive(Instant now) {
        List<Message> batch = new ArrayList<>();
        for (Message m : queue) {
            if (batch.size() == settings.batchSize()) {
                break;
            }
            if (!m.pending() || m.visibleAt.isAfter(now)) {
                continue;
            }
            if (m.receives >= settings.maxReceiveCount()) {
                m.inDeadLetterQueue = true; // the redrive policy moves it instead of delivering it again
                continue;
            }
            m.receives++;
            m.visibleAt = now.plus(settings.visibilityTimeout());
            batch.add(m);
        }
        return batch;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
