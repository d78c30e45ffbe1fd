package io.patchctl.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
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
 * The settings every patchctl AWS client shares: region, optional endpoint override, credentials,
 * the light url-connection HTTP client, explicit timeouts and a named (STANDARD) retry strategy with
 * exponential backoff and full jitter. The SDK's default retry mode is LEGACY; we never use it.
 */
public final class AwsClientSettings {

    /** Error codes that are worth another attempt on top of the SDK's standard throttling/5xx set. */
    private static final Set<String> EXTRA_RETRYABLE_CODES = Set.of(
            "ThrottlingException", "ServiceUnavailableException", "InternalServerException",
            "ModelNotReadyException", "ModelTimeoutException", "ServiceUnavailable", "InternalFailure");

    private final Region region;
    private final URI endpointOverride;
    private final AwsCredentialsProvider credentials;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final Duration connectTimeout;
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxBackoff;

    private AwsClientSettings(Builder b) {
        this.region = Region.of(Objects.requireNonNull(b.region, "region"));
        this.endpointOverride = b.endpointOverride;
        this.credentials = b.credentials != null ? b.credentials : DefaultCredentialsProvider.builder().build();
        this.apiCallTimeout = positive(b.apiCallTimeout, "apiCallTimeout");
        this.apiCallAttemptTimeout = positive(b.apiCallAttemptTimeout, "apiCallAttemptTimeout");
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        if (apiCallAttemptTimeout.compareTo(apiCallTimeout) > 0) {
            throw new IllegalArgumentException("apiCallAttemptTimeout (" + apiCallAttemptTimeout
                    + ") must not exceed apiCallTimeout (" + apiCallTimeout + ")");
        }
        if (b.maxAttempts < 1 || b.maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10, was " + b.maxAttempts);
        }
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = positive(b.baseDelay, "baseDelay");
        this.maxBackoff = positive(b.maxBackoff, "maxBackoff");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region.id();
        b.endpointOverride = endpointOverride;
        b.credentials = credentials;
        b.apiCallTimeout = apiCallTimeout;
        b.apiCallAttemptTimeout = apiCallAttemptTimeout;
        b.connectTimeout = connectTimeout;
        b.maxAttempts = maxAttempts;
        b.baseDelay = baseDelay;
        b.maxBackoff = maxBackoff;
        return b;
    }

    /** Applies region, endpoint, credentials, HTTP client, timeouts and retry strategy to any sync client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B applyTo(B builder) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        // the attempt timeout decides; the socket timeout only stops a read stuck forever
                        .socketTimeout(apiCallAttemptTimeout.plusSeconds(5)))
                .overrideConfiguration(overrideConfiguration(apiCallTimeout));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
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

    public Region region() {
        return region;
    }

    public URI endpointOverride() {
        return endpointOverride;
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
        private String region = "us-east-2";
        private URI endpointOverride;
        private AwsCredentialsProvider credentials;
        // A 1k-token Claude answer takes ~20 s; allow one slow attempt plus retries.
        private Duration apiCallTimeout = Duration.ofSeconds(120);
        private Duration apiCallAttemptTimeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(3);
        private int maxAttempts = 4;
        private Duration baseDelay = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(20);

        private Builder() {
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Null = the SDK's own resolution (AWS_ENDPOINT_URL_*, then the public endpoint). */
        public Builder endpointOverride(URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            return this;
        }

        /** Null = the SDK's default chain (environment, profile, container, IMDS). */
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
