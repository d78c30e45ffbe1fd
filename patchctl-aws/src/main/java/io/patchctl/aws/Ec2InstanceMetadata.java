package io.patchctl.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this instance's id from IMDSv2 within a short bound (off EC2 nobody answers, and the agent
 * must not wait). Honours {@code AWS_EC2_METADATA_DISABLED} (or the SDK's system property
 * {@code aws.disableEc2Metadata}) and {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}.
 */
public final class Ec2InstanceMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(Ec2InstanceMetadata.class);
    public static final String DEFAULT_ENDPOINT = "http://169.254.169.254";
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

    private final URI endpoint;
    private final Duration timeout;
    private final boolean disabled;

    public Ec2InstanceMetadata(URI endpoint, Duration timeout, boolean disabled) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.disabled = disabled;
    }

    /** From the SDK's standard environment variables; 600 ms per request. */
    public static Ec2InstanceMetadata fromEnvironment(Map<String, String> env) {
        String endpoint = env.getOrDefault("AWS_EC2_METADATA_SERVICE_ENDPOINT", DEFAULT_ENDPOINT);
        return new Ec2InstanceMetadata(URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint),
                Duration.ofMillis(600), "true".equalsIgnoreCase(env.get("AWS_EC2_METADATA_DISABLED"))
                        || "true".equalsIgnoreCase(System.getProperty("aws.disableEc2Metadata")));
    }

    /** The instance id, or empty off EC2 (no answer, an error, or something that is not an instance id). */
    public Optional<String> instanceId() {
        return lookup().instanceId();
    }

    /** What one lookup found, and when nothing: why (what tests assert instead of timing the call). */
    record Lookup(Optional<String> instanceId, String whyEmpty) {
        static Lookup found(String id) {
            return new Lookup(Optional.of(id), "");
        }

        static Lookup empty(String why) {
            return new Lookup(Optional.empty(), why);
        }
    }

    Lookup lookup() {
        if (disabled) {
            return Lookup.empty("IMDS disabled");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(endpoint.resolve("/latest/api/token"))
                    .timeout(timeout).header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                LOG.debug("IMDS token request answered HTTP {}", token.statusCode());
                return Lookup.empty("token request answered HTTP " + token.statusCode());
            }
            HttpResponse<String> id = http.send(HttpRequest.newBuilder(endpoint.resolve("/latest/meta-data/instance-id"))
                    .timeout(timeout).header("X-aws-ec2-metadata-token", token.body().strip()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String value = id.body() == null ? "" : id.body().strip();
            if (id.statusCode() == 200 && INSTANCE_ID.matcher(value).matches()) {
                return Lookup.found(value);
            }
            LOG.debug("IMDS instance-id answered HTTP {} with an unexpected body", id.statusCode());
            return Lookup.empty("instance-id answered HTTP " + id.statusCode() + " with an unexpected body");
        } catch (IOException e) {
            LOG.debug("IMDS not reachable at {}: {}", endpoint, e.toString());
            return Lookup.empty("not reachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Lookup.empty("interrupted");
        }
    }
}
