package io.patchctl.testkit;

import io.patchctl.core.store.MemoryReportStore;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real {@link MemoryReportStore} plus a switch that makes every call fail, to exercise error paths. */
public final class InMemoryReportStore implements ReportStore {

    private final MemoryReportStore store = new MemoryReportStore();
    private volatile boolean down;

    public void setDown(boolean down) {
        this.down = down;
    }

    /** A read-only view of the stored objects, in key order. */
    public Map<String, byte[]> objects() {
        return store.objects();
    }

    @Override
    public void put(String key, byte[] body) {
        check();
        store.put(key, body);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        check();
        return store.putIfAbsent(key, body);
    }

    @Override
    public Optional<byte[]> get(String key) {
        check();
        return store.get(key);
    }

    @Override
    public List<String> list(String prefix) {
        check();
        return store.list(prefix);
    }

    @Override
    public void delete(String key) {
        check();
        store.delete(key);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    private void check() {
        if (down) {
            throw new StoreUnavailableException("in-memory store is down (test)");
        }
    }
}
