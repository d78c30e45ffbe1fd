package io.patchctl.core.quarantine;

import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine on a {@link ReportStore} (S3 or a directory), layout of docs/design.md:
 * {@code bedrock-patch-quarantine/{env}/{package}.json} is the record, created by the first host that
 * fails on the package with a conditional create ({@code If-None-Match: *}), so racing hosts leave exactly
 * one; {@code bedrock-patch-quarantine/{env}/{package}/{instance-id}.json} is every failing host's own
 * evidence, written unconditionally first, so the hosts that lose the race lose nothing. The store has no
 * compare-and-swap, so the record is never merged in place; the host list is the evidence keys.
 *
 * <p>Store failures are thrown ({@code StoreUnavailableException}); the agent decides what they mean.
 */
public final class QuarantineStore {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineStore.class);

    /** What recording a failure did to the environment's record. */
    public enum RecordOutcome {
        /** This host's record is the quarantine. */
        CREATED,
        /** Another host's active record already holds this EVR: this host's evidence was added to it. */
        JOINED,
        /** The old record had expired, was unreadable, or held an older EVR: this host's replaced it. */
        REPLACED
    }

    private final ReportStore store;

    public QuarantineStore(ReportStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    public String describe() {
        return store.describe();
    }

    /** One list of the environment's prefix and one read per record (evidence objects are counted from their keys). */
    public QuarantineView read(String env, Instant now) {
        String prefix = ReportKeys.quarantinePrefix(env);
        Map<String, String> recordKeys = new LinkedHashMap<>();
        Map<String, List<String>> hosts = new LinkedHashMap<>();
        for (String key : store.list(prefix)) {
            String rest = key.substring(prefix.length());
            if (!rest.endsWith(".json")) {
                continue;
            }
            int slash = rest.indexOf('/');
            if (slash < 0) {
                recordKeys.put(rest.substring(0, rest.length() - ".json".length()), key);
            } else if (rest.indexOf('/', slash + 1) < 0) {
                hosts.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>())
                        .add(rest.substring(slash + 1, rest.length() - ".json".length()));
            }
        }
        List<QuarantineEntry> active = new ArrayList<>();
        List<QuarantineEntry> expired = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Map.Entry<String, String> e : recordKeys.entrySet()) {
            Optional<QuarantineRecord> record = readRecord(e.getValue());
            if (record.isEmpty()) {
                unreadable.add(e.getValue());
                continue;
            }
            QuarantineEntry entry = new QuarantineEntry(record.get(), hostsOf(record.get(), hosts.get(e.getKey())));
            (record.get().expiredAt(now) ? expired : active).add(entry);
        }
        return new QuarantineView(active, expired, unreadable);
    }

    /** The first failing host comes first, the others in key order. */
    private static List<String> hostsOf(QuarantineRecord record, List<String> evidence) {
        List<String> out = new ArrayList<>(List.of(record.instanceId()));
        if (evidence != null) {
            evidence.stream().filter(h -> !h.equals(record.instanceId())).forEach(out::add);
        }
        return out;
    }

    /**
     * Records that {@code failure}'s package failed on its host: the evidence first, then the record by
     * conditional create; an existing record is replaced only when it has expired, cannot be read, or holds
     * an older EVR (the newer failure then holds both).
     */
    public RecordOutcome record(QuarantineRecord failure, Instant now) {
        String env = failure.environment();
        byte[] body = Json.bytes(failure);
        store.put(ReportKeys.quarantineEvidence(env, failure.packageName(), failure.instanceId()), body);
        String key = ReportKeys.quarantine(env, failure.packageName());
        if (store.putIfAbsent(key, body)) {
            return RecordOutcome.CREATED;
        }
        Optional<QuarantineRecord> existing = store.get(key).flatMap(b -> parse(key, b));
        if (existing.isPresent() && !existing.get().expiredAt(now) && existing.get().holds(failure.evr())) {
            return RecordOutcome.JOINED;
        }
        // Two hosts replacing the same expired record both write a record of the same failure: one key, one
        // record (the last write), and both hosts' evidence is kept beside it.
        store.put(key, body);
        return RecordOutcome.REPLACED;
    }

    /**
     * Deletes a package's record and evidence ({@code packageName} given) or the environment's whole
     * quarantine.
     *
     * @return the package names whose record was deleted
     */
    public List<String> clear(String env, Optional<String> packageName) {
        QuarantineView view = read(env, Instant.MAX);
        List<String> cleared = new ArrayList<>();
        String prefix = ReportKeys.quarantinePrefix(env);
        List<QuarantineEntry> all = new ArrayList<>(view.active());
        all.addAll(view.expired());
        for (QuarantineEntry entry : all) {
            String name = entry.record().packageName();
            if (packageName.isPresent() && !packageName.get().equals(name)) {
                continue;
            }
            String recordKey = ReportKeys.quarantine(env, name);
            String evidencePrefix = recordKey.substring(0, recordKey.length() - ".json".length()) + "/";
            store.list(evidencePrefix).forEach(store::delete);
            store.delete(recordKey);
            cleared.add(name);
        }
        if (packageName.isEmpty()) {
            // unreadable records and stray evidence go with --all too: the operator asked for a clean slate
            store.list(prefix).forEach(store::delete);
        }
        return cleared;
    }

    private Optional<QuarantineRecord> readRecord(String key) {
        return store.get(key).flatMap(b -> parse(key, b));
    }

    private static Optional<QuarantineRecord> parse(String key, byte[] body) {
        try {
            QuarantineRecord r = Json.mapper().readValue(body, QuarantineRecord.class);
            return QuarantineRecord.SCHEMA.equals(r.schema()) ? Optional.of(r) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("quarantine record unreadable, ignored key={} error={}", key, e.toString());
            return Optional.empty();
        }
    }
}
