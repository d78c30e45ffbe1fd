package io.patchctl.aws;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The immutable settings of one patchctl AWS client: region, endpoint overrides, credentials, the
 * light url-connection HTTP client, timeouts and a named (STANDARD) retry strategy with exponential
 * backoff and full jitter (the SDK's default mode is LEGACY; we never use it). Each use has its
 * {@link Profile}; {@link #of} is how production code gets settings, so credentials always come from
 * the SDK's default chain and endpoint overrides from its standard variables ({@link AwsEndpoints}).
 *
 * <p>Nothing here opens a connection or resolves credentials: clients built from it are safe to create
 * during Lambda init and to snapshot (SnapStart).
 */
public final class AwsClientSettings {

    /** The timeouts and retries of each use; a use never borrows another's (Bedrock's 120 s are not SSM's). */
    public enum Profile {
        /** S3 reports and SNS escalations: small objects, short attempts, three tries within 15 s. */
        STORAGE(Duration.ofSeconds(15), Duration.ofSeconds(5), 3, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(2)),
        /** SSM PutComplianceItems after a run: small, never worth holding the run for long. */
        COMPLIANCE(Duration.ofSeconds(15), Duration.ofSeconds(5), 3, Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofSeconds(2)),
        /** The operator's Run Command calls of {@code patchctl campaign}: SendCommand and the status polls. */
        FLEET_COMMANDS(Duration.ofSeconds(30), Duration.ofSeconds(10), 4, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(3)),
        /**
         * The agent's plan: a 1k-token Claude answer takes ~20 s; one slow attempt plus retries. The run's
         * --bedrock-budget narrows it ({@link #withCallTimeouts}).
         */
        BEDROCK_AGENT(Duration.ofSeconds(120), Duration.ofSeconds(60), 4, Duration.ofMillis(500), Duration.ofSeconds(20),
                Duration.ofSeconds(3)),
        /**
         * The Lambda's analyses: a call, throttling retries included, is cut at 20 s so an answer plus one
         * repair fit the function's 60 s timeout; a slower model falls back to the rules analyst.
         */
        BEDROCK_LAMBDA(Duration.ofSeconds(20), Duration.ofSeconds(20), 3, Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofSeconds(2));

        private final Duration apiCallTimeout;
        private final Duration apiCallAttemptTimeout;
        private final int maxAttempts;
        private final Duration baseDelay;
        private final Duration maxBackoff;
        private final Duration connectTimeout;

        Profile(Duration apiCallTimeout, Duration apiCallAttemptTimeout, int maxAttempts, Duration baseDelay,
                Duration maxBackoff, Duration connectTimeout) {
            this.apiCallTimeout = apiCallTimeout;
            this.apiCallAttemptTimeout = apiCallAttemptTimeout;
            this.maxAttempts = maxAttempts;
            this.baseDelay = baseDelay;
            this.maxBackoff = maxBackoff;
            this.connectTimeout = connectTimeout;
        }
    }

    /** Error codes that are worth another attempt on top of the SDK's standard throttling/5xx set. */
    private static final Set<String> EXTRA_RETRYABLE_CODES = Set.of(
            "ThrottlingException", "ServiceUnavailableException", "InternalServerException",
            "ModelNotReadyException", "ModelTimeoutException", "ServiceUnavailable", "InternalFailure");
    private static final int MAX_ATTEMPTS_LIMIT = 10;

    private final Profile profile;
    private final Region region;
    private final Map<AwsService, URI> endpoints;
    private final AwsCredentialsProvider credentials;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final Duration connectTimeout;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxBackoff;

    private AwsClientSettings(Builder b) {
        this.profile = b.profile;
        String regionId = b.region == null || b.region.isBlank() ? BedrockModels.DEFAULT_REGION : b.region.strip();
        this.region = Region.of(regionId);
        this.endpoints = Map.copyOf(b.endpoints);
        this.credentials = b.credentials != null ? b.credentials : DefaultCredentialsProvider.builder().build();
        this.apiCallTimeout = positive(b.apiCallTimeout, "apiCallTimeout");
        this.apiCallAttemptTimeout = positive(b.apiCallAttemptTimeout, "apiCallAttemptTimeout");
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("apiCallAttemptTimeout (" + apiCallAttemptTimeout
                    + ") must not exceed apiCallTimeout (" + apiCallTimeout + ")");
        }
        if (b.maxAttempts < 1 || b.maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts must be 1.." + MAX_ATTEMPTS_LIMIT + ", was " + b.maxAttempts);
        }
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = positive(b.baseDelay, "baseDelay");
        this.maxBackoff = positive(b.maxBackoff, "maxBackoff");
    }

    /**
     * Production settings: the profile's timeouts, the region (blank = {@link BedrockModels#DEFAULT_REGION}),
     * credentials from the SDK's default chain, endpoint overrides from {@code env} and system properties.
     *
     * @throws IllegalArgumentException when an endpoint variable is not an http(s) URL
     */
    public static AwsClientSettings of(Profile profile, String region, Map<String, String> env) {
        return builder(profile).region(region).endpoints(AwsEndpoints.fromEnvironment(env)).build();
    }

    /** The profile's values, to adjust (tests: endpoint, credentials, shorter timeouts). */
    public static Builder builder(Profile profile) {
        return new Builder(profile);
    }

    public Builder toBuilder() {
        Builder b = new Builder(profile);
        b.region = region.id();
        b.endpoints.putAll(endpoints);
        b.credentials = credentials;
        b.apiCallTimeout = apiCallTimeout;
        b.apiCallAttemptTimeout = apiCallAttemptTimeout;
        b.connectTimeout = connectTimeout;
        b.maxAttempts = maxAttempts;
        b.baseDelay = baseDelay;
        b.maxBackoff = maxBackoff;
        return b;
    }

    /** These settings with other call/attempt timeouts (the agent's --bedrock-budget). */
    public AwsClientSettings withCallTimeouts(Duration apiCallTimeout, Duration apiCallAttemptTimeout) {
        return toBuilder().apiCallTimeout(apiCallTimeout).apiCallAttemptTimeout(apiCallAttemptTimeout).build();
    }

    /**
     * Applies region, the service's endpoint override, credentials, HTTP client, timeouts and retry
     * strategy to a sync client builder of that service.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B applyTo(B builder, AwsService service) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        // the attempt timeout decides; the socket timeout only stops a read stuck forever
                        .socketTimeout(apiCallAttemptTimeout.plusSeconds(5)))
                .overrideConfiguration(overrideConfiguration(apiCallTimeout));
        endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    /** Timeouts plus retry strategy; {@code callTimeout} may be shorter than the configured one (budget). */
    public ClientOverrideConfiguration overrideConfiguration(Duration callTimeout) {
        Duration attempt = apiCallAttemptTimeout.compareTo(callTimeout) > 0 ? callTimeout : apiCallAttemptTimeout;
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(callTimeout)
                .apiCallAttemptTimeout(attempt)
                .retryStrategy(retryStrategy())
                .build();
    }

    /** STANDARD strategy, exponential backoff with full jitter, plus Bedrock's transient model errors. */
    public StandardRetryStrategy retryStrategy() {
        Predicate<Throwable> extra = t -> t instanceof AwsServiceException
                && ((AwsServiceException) t).awsErrorDetails() != null
                // an error without a code (a proxy's bare 404) must not hit Set.of(...).contains(null), which throws
                && ((AwsServiceException) t).awsErrorDetails().errorCode() != null
                && EXTRA_RETRYABLE_CODES.contains(((AwsServiceException) t).awsErrorDetails().errorCode());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(baseDelay, maxBackoff))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(baseDelay.multipliedBy(2), maxBackoff))
                .retryOnException(extra)
                .build();
    }

    public Profile profile() {
        return profile;
    }

    public Region region() {
        return region;
    }

    /** The endpoint override of a service, if one is set. */
    public Optional<URI> endpoint(AwsService service) {
        return Optional.ofNullable(endpoints.get(service));
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    public Duration apiCallAttemptTimeout() {
        return apiCallAttemptTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
        return d;
    }

    public static final class Builder {
        private final Profile profile;
        private String region;
        private final Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
        private AwsCredentialsProvider credentials;
        private Duration apiCallTimeout;
        private Duration apiCallAttemptTimeout;
        private Duration connectTimeout;
        private int maxAttempts;
        private Duration baseDelay;
        private Duration maxBackoff;

        private Builder(Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.apiCallTimeout = profile.apiCallTimeout;
            this.apiCallAttemptTimeout = profile.apiCallAttemptTimeout;
            this.connectTimeout = profile.connectTimeout;
            this.maxAttempts = profile.maxAttempts;
            this.baseDelay = profile.baseDelay;
            this.maxBackoff = profile.maxBackoff;
        }

        /** Null or blank = {@link BedrockModels#DEFAULT_REGION}. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** One endpoint for every service (a loopback stand-in in tests); null = none. */
        public Builder endpointOverride(URI endpoint) {
            endpoints.clear();
            if (endpoint != null) {
                for (AwsService service : AwsService.values()) {
                    endpoints.put(service, endpoint);
                }
            }
            return this;
        }

        public Builder endpoints(Map<AwsService, URI> overrides) {
            endpoints.putAll(overrides);
            return this;
        }

        /** For tests only; null (the default) = the SDK's default chain. */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder apiCallTimeout(Duration apiCallTimeout) {
            this.apiCallTimeout = apiCallTimeout;
            return this;
        }

        public Builder apiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
            this.apiCallAttemptTimeout = apiCallAttemptTimeout;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Base and cap of the exponential backoff (full jitter). Tests shorten them. */
        public Builder backoff(Duration baseDelay, Duration maxBackoff) {
            this.baseDelay = baseDelay;
            this.maxBackoff = maxBackoff;
            return this;
        }

        public AwsClientSettings build() {
            return new AwsClientSettings(this);
        }
    }
}
