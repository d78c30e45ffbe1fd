package io.patchctl.core.rollout;

import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a ring's records from the store: its success objects and the latest version of its approval. */
public final class RingRecords {

    private static final Logger LOG = LoggerFactory.getLogger(RingRecords.class);

    private final ReportStore store;

    public RingRecords(ReportStore store) {
        this.store = store;
    }

    /**
     * Every success recorded for {@code ring}; an unreadable object is skipped with a warning (it proves
     * nothing, and one bad object must not stop a promotion).
     */
    public List<RingSuccess> successes(String ring) {
        List<RingSuccess> found = new ArrayList<>();
        for (String key : store.list(ReportKeys.ringSuccessPrefix(ring))) {
            Optional<byte[]> body = store.get(key);
            if (body.isEmpty()) {
                continue;
            }
            try {
                RingSuccess s = Json.mapper().readValue(body.get(), RingSuccess.class);
                if (!RingSuccess.SCHEMA.equals(s.schema()) || !ring.equals(s.ring())) {
                    throw new IOException("not a " + RingSuccess.SCHEMA + " record of ring " + ring);
                }
                found.add(s);
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping unreadable ring success key={} error={}", key, e.getMessage());
            }
        }
        return found;
    }

    /**
     * The latest approval of {@code ring}, empty when none was ever written.
     *
     * @throws IllegalStateException when the latest version cannot be read: an agent must not fall back
     *                               to an older approval silently, nor a promotion build on a guess
     */
    public Optional<RingApproval> latestApproval(String ring) {
        List<String> keys = store.list(ReportKeys.ringApprovalPrefix(ring));
        for (int i = keys.size() - 1; i >= 0; i--) {
            String key = keys.get(i);
            if (!key.endsWith(".json")) {
                continue;
            }
            Optional<byte[]> body = store.get(key);
            if (body.isEmpty()) {
                continue;
            }
            try {
                RingApproval a = Json.mapper().readValue(body.get(), RingApproval.class);
                if (!RingApproval.SCHEMA.equals(a.schema()) || !ring.equals(a.ring())) {
                    throw new IOException("not a " + RingApproval.SCHEMA + " of ring " + ring);
                }
                return Optional.of(a);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("approval " + store.describe() + "/" + key + " is unreadable: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }
}
