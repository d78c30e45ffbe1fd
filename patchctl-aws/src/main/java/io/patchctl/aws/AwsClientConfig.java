package io.patchctl.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A timeouts profile for storage-like AWS calls (S3, SNS, SSM) and the standard environment lookups
 * (credentials, endpoint overrides); {@link #settings} turns it into {@link AwsClientSettings}, which
 * owns the HTTP client (url-connection) and the STANDARD retry strategy for every patchctl client.
 *
 * <p>Nothing here opens a connection or resolves credentials: clients built from it are safe to create
 * during Lambda init and to snapshot (SnapStart).
 */
public final class AwsClientConfig {

    /** Loopback and VPC endpoints connect in milliseconds; a dead one should fail fast. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final int maxAttempts;

    private AwsClientConfig(Duration apiCallTimeout, Duration apiCallAttemptTimeout, int maxAttempts) {
        this.apiCallTimeout = Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        this.apiCallAttemptTimeout = Objects.requireNonNull(apiCallAttemptTimeout, "apiCallAttemptTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("apiCallAttemptTimeout (" + apiCallAttemptTimeout
                    + ") must not exceed apiCallTimeout (" + apiCallTimeout + ")");
        }
        this.maxAttempts = maxAttempts;
    }

    public static AwsClientConfig of(Duration apiCallTimeout, Duration apiCallAttemptTimeout, int maxAttempts) {
        return new AwsClientConfig(apiCallTimeout, apiCallAttemptTimeout, maxAttempts);
    }

    /** Storage and notification calls: small objects, so short attempts and three tries within 15 s. */
    public static AwsClientConfig storageDefaults() {
        return new AwsClientConfig(Duration.ofSeconds(15), Duration.ofSeconds(5), 3);
    }

    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    public Duration apiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The full client settings for one service: this profile's timeouts and attempts, the region, the
     * credentials from {@link #credentialsProvider(Map)} and the endpoint override if any. HTTP client,
     * retry strategy and backoff are {@link AwsClientSettings}' (one implementation for all clients).
     */
    public AwsClientSettings settings(Region region, Map<String, String> env, Optional<URI> endpoint) {
        return AwsClientSettings.builder()
                .region(region.id())
                .credentials(credentialsProvider(env))
                .endpointOverride(endpoint.orElse(null))
                .apiCallTimeout(apiCallTimeout)
                .apiCallAttemptTimeout(apiCallAttemptTimeout)
                .connectTimeout(CONNECT_TIMEOUT)
                .maxAttempts(maxAttempts)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .build();
    }

    /**
     * Picks the one credentials source that applies instead of walking the SDK's whole default chain:
     * Lambda (SnapStart included) serves them from the container endpoint, plain Lambda and CI from
     * environment variables, tests from system properties; anything else (profiles, IMDS) uses the
     * default chain.
     */
    public static AwsCredentialsProvider credentialsProvider(Map<String, String> env) {
        if (env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        String keyId = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (keyId != null && secret != null) {
            // From the given map (the process environment in production), so a caller's map is honoured.
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? AwsBasicCredentials.create(keyId, secret) : AwsSessionCredentials.create(keyId, secret, token));
        }
        if (System.getProperty("aws.accessKeyId") != null && System.getProperty("aws.secretAccessKey") != null) {
            return SystemPropertyCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * The endpoint override for a service from the SDK's standard settings: system property
     * {@code aws.endpointUrl<Service>}, environment {@code AWS_ENDPOINT_URL_<SERVICE>}, then the global
     * {@code AWS_ENDPOINT_URL}.
     *
     * @param serviceEnvSuffix "S3", "BEDROCK_RUNTIME", "SNS", "SSM"
     * @param servicePropSuffix "S3", "BedrockRuntime", "Sns", "Ssm"
     */
    public static Optional<URI> endpointOverride(Map<String, String> env, String serviceEnvSuffix, String servicePropSuffix) {
        String[] candidates = {
            System.getProperty("aws.endpointUrl" + servicePropSuffix),
            env.get("AWS_ENDPOINT_URL_" + serviceEnvSuffix),
            System.getProperty("aws.endpointUrl"),
            env.get("AWS_ENDPOINT_URL"),
        };
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    URI uri = URI.create(candidate.strip());
                    if (uri.getScheme() == null || uri.getHost() == null) {
                        throw new IllegalArgumentException("expected http(s)://host[:port]");
                    }
                    return Optional.of(uri);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid endpoint URL for " + serviceEnvSuffix + ": '" + candidate
                            + "' (expected http(s)://host[:port])", e);
                }
            }
        }
        return Optional.empty();
    }
}
