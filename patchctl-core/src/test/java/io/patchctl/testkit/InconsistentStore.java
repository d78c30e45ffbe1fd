package io.patchctl.testkit;

import io.patchctl.core.store.ReportStore;
import java.util.List;
import java.util.Optional;

/**
 * A store caught mid-race, for lease tests: a read never finds the object and a conditional create
 * always says it exists (seen live against S3Proxy under load). Writes and deletes are ignored.
 */
public final class InconsistentStore implements ReportStore {

    @Override
    public void put(String key, byte[] body) {
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        return false;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.empty();
    }

    @Override
    public List<String> list(String prefix) {
        return List.of();
    }

    @Override
    public void delete(String key) {
    }

    @Override
    public String describe() {
        return "inconsistent";
    }
}
