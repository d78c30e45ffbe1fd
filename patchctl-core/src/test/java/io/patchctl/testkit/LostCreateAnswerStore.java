package io.patchctl.testkit;

import io.patchctl.core.store.ReportStore;
import java.util.List;
import java.util.Optional;

/**
 * A store whose conditional creates land but are answered "already there": what an SDK retry of a
 * conditional PUT sees when its first attempt reached S3 and the answer was lost (412 for its own
 * object). Everything else goes straight to the wrapped store.
 */
public final class LostCreateAnswerStore implements ReportStore {

    private final ReportStore inner;

    public LostCreateAnswerStore(ReportStore inner) {
        this.inner = inner;
    }

    @Override
    public void put(String key, byte[] body) {
        inner.put(key, body);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        inner.putIfAbsent(key, body);
        return false;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return inner.get(key);
    }

    @Override
    public List<String> list(String prefix) {
        return inner.list(prefix);
    }

    @Override
    public void delete(String key) {
        inner.delete(key);
    }

    @Override
    public String describe() {
        return "lost-create-answer(" + inner.describe() + ")";
    }
}
