package io.patchctl.testkit;

import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A real store underneath, with injected faults: refused writes for some keys, or lost create responses. */
public final class FaultyStore implements ReportStore {

    private final ReportStore delegate;
    private volatile Set<String> refusedKeyFragments = Set.of();
    private volatile boolean loseCreateResponses;

    public FaultyStore(ReportStore delegate) {
        this.delegate = delegate;
    }

    /** Writes to keys containing any of these fragments fail as if S3 refused them. */
    public FaultyStore refuseWritesTo(Set<String> keyFragments) {
        this.refusedKeyFragments = keyFragments;
        return this;
    }

    /** Conditional creates are stored but answer "already exists", as when a retry meets its own first attempt. */
    public FaultyStore loseCreateResponses() {
        this.loseCreateResponses = true;
        return this;
    }

    private void check(String key) {
        if (refusedKeyFragments.stream().anyMatch(key::contains)) {
            throw new StoreUnavailableException("cannot create s3://test/" + key + ": InternalError (HTTP 500)");
        }
    }

    @Override
    public void put(String key, byte[] body) {
        check(key);
        delegate.put(key, body);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        check(key);
        boolean created = delegate.putIfAbsent(key, body);
        return created && !loseCreateResponses;
    }

    @Override
    public Optional<byte[]> get(String key) {
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
