package io.patchctl.testkit;

import io.patchctl.core.store.ReportStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store underneath that counts reads: lets a test wait for "the others are polling" instead of sleeping. */
public final class CountingStore implements ReportStore {

    private final ReportStore delegate;
    private final AtomicInteger reads = new AtomicInteger();

    public CountingStore(ReportStore delegate) {
        this.delegate = delegate;
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public void put(String key, byte[] body) {
        delegate.put(key, body);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        return delegate.putIfAbsent(key, body);
    }

    @Override
    public Optional<byte[]> get(String key) {
        reads.incrementAndGet();
        return delegate.get(key);
    }

    @Override
    public List<String> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
