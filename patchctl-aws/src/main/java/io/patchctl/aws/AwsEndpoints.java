package io.patchctl.aws;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that reads and validates endpoint overrides: the SDK's standard settings, per service
 * first ({@code aws.endpointUrl<Service>}, {@code AWS_ENDPOINT_URL_<SERVICE>}), then the global ones
 * ({@code aws.endpointUrl}, {@code AWS_ENDPOINT_URL}); and options such as {@code --s3-endpoint}.
 */
public final class AwsEndpoints {

    private AwsEndpoints() {
    }

    /** The override of every service that has one. */
    public static Map<AwsService, URI> fromEnvironment(Map<String, String> env) {
        Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
        for (AwsService service : AwsService.values()) {
            fromEnvironment(env, service).ifPresent(uri -> endpoints.put(service, uri));
        }
        return endpoints;
    }

    public static Optional<URI> fromEnvironment(Map<String, String> env, AwsService service) {
        String[][] candidates = {
            {service.systemProperty(), System.getProperty(service.systemProperty())},
            {service.envVariable(), env.get(service.envVariable())},
            {"aws.endpointUrl", System.getProperty("aws.endpointUrl")},
            {"AWS_ENDPOINT_URL", env.get("AWS_ENDPOINT_URL")},
        };
        for (String[] candidate : candidates) {
            if (candidate[1] != null && !candidate[1].isBlank()) {
                return Optional.of(parse(candidate[0], candidate[1]));
            }
        }
        return Optional.empty();
    }

    /**
     * An http(s) URL with a host.
     *
     * @param setting what the value came from (an option or variable name), for the message
     * @throws IllegalArgumentException naming the setting, the value and the expected form
     */
    public static URI parse(String setting, String value) {
        URI uri;
        try {
            uri = value == null ? null : URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(setting + " '" + value + "' is not a URL (expected http(s)://host[:port])");
        }
        return uri;
    }
}
