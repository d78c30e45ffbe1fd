package io.patchctl.core.run;

import io.patchctl.core.report.SpoolDelivery;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers reports earlier runs left in the spool, oldest first, before this run's own. Each is
 * written with a conditional create ({@code If-None-Match: *}): a report already in the store (an
 * earlier delivery that died before removing its spool copy) is never written twice. Bounded: at
 * most {@code maxCount} per run (a long outage must not make one run slow), and entries older than
 * {@code maxAge} are dropped with their names in the report (they no longer describe the host).
 */
public final class SpoolSender {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolSender.class);
    private static final String PREFIX = "bedrock-patch-runs/";
    private static final long MAX_BYTES = 4L << 20;
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** @param maxCount reports delivered per run; @param maxAge older ones are dropped */
    public record Limits(int maxCount, Duration maxAge) {
        public static final Limits DEFAULT = new Limits(50, Duration.ofDays(30));

        public Limits {
            if (maxCount < 1 || maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("spool limits must be positive, were " + maxCount + " / " + maxAge);
            }
        }
    }

    private final DirectoryReportStore spool;
    private final List<ReportStore> stores;
    private final Clock clock;
    private final Limits limits;

    SpoolSender(java.nio.file.Path spoolDir, List<ReportStore> stores, Clock clock, Limits limits) {
        this.spool = new DirectoryReportStore(spoolDir);
        this.stores = List.copyOf(stores);
        this.clock = clock;
        this.limits = limits;
    }

    /** Never throws: a spool that cannot be read is said in the report, and the run goes on. */
    SpoolDelivery deliver() {
        List<String> keys;
        try {
            keys = new ArrayList<>(spool.list(PREFIX));
        } catch (RuntimeException e) {
            return new SpoolDelivery(List.of(), List.of(), 0, "cannot read spool " + spool.describe() + ": " + e.getMessage());
        }
        if (keys.isEmpty() || stores.isEmpty()) {
            return keys.isEmpty() ? null : new SpoolDelivery(List.of(), List.of(), keys.size(), "no report store to deliver to");
        }
        // oldest first: the key's file name starts with the report time
        keys.sort((a, b) -> fileName(a).compareTo(fileName(b)));
        List<String> delivered = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        String error = null;
        Instant oldest = clock.instant().minus(limits.maxAge());
        int i = 0;
        for (; i < keys.size() && delivered.size() < limits.maxCount(); i++) {
            String key = keys.get(i);
            Optional<Instant> time = time(key);
            Optional<byte[]> body = isReport(key) ? spool.get(key) : Optional.empty();
            if (time.isEmpty() || time.get().isBefore(oldest) || body.isEmpty() || !isRunReport(body.get())) {
                spool.delete(key);
                dropped.add(key);
                continue;
            }
            try {
                for (ReportStore store : stores) {
                    store.putIfAbsent(key, body.get()); // false: already there, which is just as good
                }
            } catch (IllegalArgumentException e) {
                // a key the store refuses would block every later run: drop it, named in the report
                spool.delete(key);
                dropped.add(key);
                continue;
            } catch (StoreUnavailableException e) {
                error = "delivery stopped at " + key + ": " + e.getMessage();
                break;
            }
            spool.delete(key);
            delivered.add(key);
        }
        int remaining = keys.size() - delivered.size() - dropped.size();
        LOG.info("spool delivered={} dropped={} remaining={}", delivered.size(), dropped.size(), remaining);
        return new SpoolDelivery(delivered, dropped, remaining, error);
    }

    /** A regular file of sane size, not a symlink: the spool must not become a way to upload other files. */
    private boolean isReport(String key) {
        java.nio.file.Path file = spool.root().resolve(key);
        try {
            return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(file) <= MAX_BYTES;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean isRunReport(byte[] body) {
        try {
            return io.patchctl.core.report.RunReport.SCHEMA.equals(
                    io.patchctl.core.internal.json.Json.mapper().readTree(body).path("schema").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static Optional<Instant> time(String key) {
        String name = fileName(key);
        if (name.length() < 16) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(name.substring(0, 16), KEY_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
