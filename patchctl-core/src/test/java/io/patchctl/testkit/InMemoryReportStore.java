package io.patchctl.testkit;

import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/** Test fake of the ReportStore port; can be switched to failing to exercise error paths. */
public final class InMemoryReportStore implements ReportStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();
    private volatile boolean down;

    public void setDown(boolean down) {
        this.down = down;
    }

    public Map<String, byte[]> objects() {
        return objects;
    }

    @Override
    public void put(String key, byte[] body) {
        check();
        objects.put(key, body.clone());
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        check();
        return objects.putIfAbsent(key, body.clone()) == null;
    }

    @Override
    public Optional<byte[]> get(String key) {
        check();
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public List<String> list(String prefix) {
        check();
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toList());
    }

    @Override
    public void delete(String key) {
        check();
        objects.remove(key);
    }

    @Override
    public String describe() {
        return "memory";
    }

    private void check() {
        if (down) {
            throw new StoreUnavailableException("in-memory store is down (test)");
        }
    }
}
