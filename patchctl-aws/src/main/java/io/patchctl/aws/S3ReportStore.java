package io.patchctl.aws;

import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The report store on S3. Objects are UTF-8 JSON; {@link #putIfAbsent} is S3's conditional write
 * ({@code If-None-Match: *}), so two writers of one key never overwrite each other.
 */
public final class S3ReportStore implements ReportStore, AutoCloseable {

    private static final int PRECONDITION_FAILED = 412;
    private static final int CONDITIONAL_REQUEST_CONFLICT = 409;
    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final String bucket;

    public S3ReportStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket name must not be empty");
        }
        this.bucket = bucket;
    }

    /**
     * A store with its own client built from the settings (normally {@link AwsClientSettings.Profile#STORAGE});
     * with an S3 endpoint override, path-style addressing, as S3Proxy and other stand-ins need.
     */
    public static S3ReportStore create(AwsClientSettings settings, String bucket) {
        return new S3ReportStore(client(settings), bucket);
    }

    static S3Client client(AwsClientSettings settings) {
        S3ClientBuilder builder = settings.applyTo(S3Client.builder(), AwsService.S3)
                // Reports are a few KB: "Expect: 100-continue" only adds a round trip (and HttpURLConnection
                // waits up to 5 s for the 100 when the server is slow).
                .serviceConfiguration(S3Configuration.builder().expectContinueEnabled(false).build());
        // Stand-ins (S3Proxy) and custom endpoints answer on one host: no bucket subdomains.
        settings.endpoint(AwsService.S3).ifPresent(uri -> builder.forcePathStyle(true));
        return builder.build();
    }

    /**
     * S3 object keys are at most 1,024 bytes of UTF-8 (Amazon S3 User Guide, "Naming Amazon S3 objects";
     * the API model's ObjectKey gives no maximum). A longer key fails before any request, with the key's
     * size in the message; as a store failure, so the agent spools the report rather than losing it.
     */
    static final int MAX_KEY_BYTES = 1024;

    private void checkKey(String key) {
        int bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new StoreUnavailableException("cannot use s3://" + bucket + "/" + key.substring(0, 80) + "...: the key is "
                    + bytes + " bytes of UTF-8, S3 allows at most " + MAX_KEY_BYTES);
        }
    }

    @Override
    public void put(String key, byte[] body) {
        checkKey(key);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw unavailable("write", key, e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] body) {
        checkKey(key);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json").ifNoneMatch("*"),
                    RequestBody.fromBytes(body));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                return false;
            }
            if (e.statusCode() == CONDITIONAL_REQUEST_CONFLICT && exists(key)) {
                // A concurrent conditional write of the same key won the race.
                return false;
            }
            throw unavailable("create", key, e);
        } catch (SdkException e) {
            throw unavailable("create", key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        checkKey(key);
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw unavailable("read", key, e);
        } catch (SdkException e) {
            throw unavailable("read", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                keys.add(object.key());
            }
            keys.sort(null);
            return keys;
        } catch (SdkException e) {
            throw unavailable("list", prefix, e);
        }
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw unavailable("delete", key, e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket;
    }

    @Override
    public void close() {
        s3.close();
    }

    private boolean exists(String key) {
        return get(key).isPresent();
    }

    private StoreUnavailableException unavailable(String action, String key, SdkException e) {
        return new StoreUnavailableException("cannot " + action + " s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }
}
