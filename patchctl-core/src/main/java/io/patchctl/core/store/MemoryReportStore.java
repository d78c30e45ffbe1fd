package io.patchctl.core.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A report store in this process's memory: keys sorted, values copied in and out, so a caller's
 * array changed later never changes a stored report. For runs that must leave nothing behind
 * (Lambda SnapStart priming) and as the tests' store.
 */
public final class MemoryReportStore implements ReportStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private final String description;

    public MemoryReportStore() {
        this("memory");
    }

    /** @param description what {@link #describe()} answers (where reports are said to be) */
    public MemoryReportStore(String description) {
        this.description = description;
    }

    /** A read-only view of the stored objects, in key order. */
    public Map<String, byte[]> objects() {
        return Collections.unmodifiableMap(objects);
    }

    @Override
    public void put(String key, byte[] body) {
        objects.put(key, body.clone());
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        return objects.putIfAbsent(key, body.clone()) == null;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.ofNullable(objects.get(key)).map(byte[]::clone);
    }

    @Override
    public List<String> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public void delete(String key) {
        objects.remove(key);
    }

    @Override
    public String describe() {
        return description;
    }
}
