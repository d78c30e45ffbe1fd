package io.patchctl.core.store;

import java.util.List;
import java.util.Optional;

/**
 * Port: where reports, plans and analyses are kept (S3 in production, a directory offline). Keys
 * follow {@link ReportKeys}; values are UTF-8 JSON.
 */
public interface ReportStore {

    /** Writes or replaces the object. @throws StoreUnavailableException on failure */
    void put(String key, byte[] body);

    /**
     * Creates the object only if no object has that key (S3 {@code If-None-Match: *}).
     *
     * @return true when this call created it, false when it already existed
     * @throws StoreUnavailableException on failure
     */
    boolean putIfAbsent(String key, byte[] body);

    /**
     * {@link #putIfAbsent}, also true when the object that is there holds exactly {@code body}. An SDK retry
     * of a conditional create whose first attempt reached S3 but whose answer was lost meets its own object
     * (412); without this the caller takes its own write for a rival's. Callers make {@code body} unique to
     * themselves (an owner and a time, a random id), so a rival's object never compares equal.
     *
     * @throws StoreUnavailableException on failure
     */
    default boolean putIfAbsentOrOwn(String key, byte[] body) {
        return putIfAbsent(key, body) || get(key).map(existing -> java.util.Arrays.equals(existing, body)).orElse(false);
    }

    /** @return the object, or empty if there is none. @throws StoreUnavailableException on failure */
    Optional<byte[]> get(String key);

    /** Keys under {@code prefix}, sorted ascending. @throws StoreUnavailableException on failure */
    List<String> list(String prefix);

    /** Deletes the object if present (used to expire cache entries). */
    void delete(String key);

    /** Where this store writes, for messages: "s3://bucket" or "/var/lib/patchctl/reports". */
    String describe();
}
