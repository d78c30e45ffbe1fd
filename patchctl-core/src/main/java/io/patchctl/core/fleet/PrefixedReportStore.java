package io.patchctl.core.fleet;

import io.patchctl.core.store.ReportStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** A report store seen below a key prefix ({@code s3://bucket/prefix}): the layout starts under it. */
public final class PrefixedReportStore implements ReportStore {

    private final ReportStore inner;
    private final String prefix;

    /** @param prefix e.g. "team-a/" (a trailing slash is added when missing) */
    public PrefixedReportStore(ReportStore inner, String prefix) {
        this.inner = Objects.requireNonNull(inner, "inner");
        String p = prefix == null ? "" : prefix.replaceAll("^/+", "");
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    @Override
    public void put(String key, byte[] body) {
        inner.put(prefix + key, body);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        return inner.putIfAbsent(prefix + key, body);
    }

    @Override
    public Optional<byte[]> get(String key) {
        return inner.get(prefix + key);
    }

    @Override
    public List<String> list(String keyPrefix) {
        return inner.list(prefix + keyPrefix).stream().map(k -> k.substring(prefix.length())).collect(Collectors.toList());
    }

    @Override
    public void delete(String key) {
        inner.delete(prefix + key);
    }

    @Override
    public String describe() {
        return inner.describe() + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }
}
