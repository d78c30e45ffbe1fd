package io.patchctl.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.aws.AwsClientSettings.Profile;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

class AwsClientSettingsTest {

    @Test
    void eachUseHasItsOwnTimeouts_bedrocksAreNotCompliances() {
        AwsClientSettings ssm = AwsClientSettings.of(Profile.COMPLIANCE, "eu-west-1", Map.of());
        AwsClientSettings agent = AwsClientSettings.of(Profile.BEDROCK_AGENT, "eu-west-1", Map.of());
        AwsClientSettings lambda = AwsClientSettings.of(Profile.BEDROCK_LAMBDA, "eu-west-1", Map.of());

        assertThat(ssm.apiCallTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(ssm.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ssm.maxAttempts()).isEqualTo(3);
        assertThat(agent.apiCallTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(agent.maxAttempts()).isEqualTo(4);
        assertThat(lambda.apiCallTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(ssm.region().id()).isEqualTo("eu-west-1");
        assertThat(ssm.retryStrategy().maxAttempts()).isEqualTo(3);
    }

    @Test
    void productionSettings_useTheDefaultCredentialsChainAndTheDefaultRegion() {
        AwsClientSettings s = AwsClientSettings.of(Profile.STORAGE, " ", Map.of("AWS_ACCESS_KEY_ID", "AKIDIGNORED"));

        assertThat(s.credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(s.region().id()).isEqualTo(BedrockModels.DEFAULT_REGION);
    }

    @Test
    void endpointOverrides_perServiceBeforeGlobal_eachServiceItsOwn() {
        AwsClientSettings s = AwsClientSettings.of(Profile.STORAGE, "us-east-2",
                Map.of("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:3", "AWS_ENDPOINT_URL", "https://proxy.example:8443"));

        assertThat(s.endpoint(AwsService.SSM)).contains(URI.create("http://127.0.0.1:3"));
        assertThat(s.endpoint(AwsService.BEDROCK_RUNTIME)).contains(URI.create("https://proxy.example:8443"));
        assertThat(AwsClientSettings.of(Profile.STORAGE, "us-east-2", Map.of()).endpoint(AwsService.S3)).isEmpty();
    }

    @Test
    void badEndpointVariable_isNamedInTheError() {
        assertThatThrownBy(() -> AwsClientSettings.of(Profile.COMPLIANCE, "us-east-2", Map.of("AWS_ENDPOINT_URL", "ftp://x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AWS_ENDPOINT_URL 'ftp://x' is not a URL (expected http(s)://host[:port])");
    }

    @Test
    void oneSetOfLimits_forEveryProfile() {
        assertThatThrownBy(() -> AwsClientSettings.builder(Profile.STORAGE).maxAttempts(11).build())
                .hasMessage("maxAttempts must be 1..10, was 11");
        assertThatThrownBy(() -> AwsClientSettings.builder(Profile.STORAGE).apiCallAttemptTimeout(Duration.ofSeconds(16)).build())
                .hasMessage("apiCallAttemptTimeout (PT16S) must not exceed apiCallTimeout (PT15S)");
        assertThatThrownBy(() -> AwsClientSettings.of(Profile.BEDROCK_AGENT, "us-east-2", Map.of())
                .withCallTimeouts(Duration.ZERO, Duration.ZERO))
                .hasMessage("apiCallTimeout must be > 0, was PT0S");
    }

    @Test
    void withCallTimeouts_keepsEverythingElse() {
        AwsClientSettings s = AwsClientSettings.of(Profile.BEDROCK_AGENT, "us-west-2",
                Map.of("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:4")).withCallTimeouts(Duration.ofSeconds(30),
                Duration.ofSeconds(15));

        assertThat(s.apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.profile()).isEqualTo(Profile.BEDROCK_AGENT);
        assertThat(s.region().id()).isEqualTo("us-west-2");
        assertThat(s.endpoint(AwsService.BEDROCK_RUNTIME)).contains(URI.create("http://127.0.0.1:4"));
    }
}
