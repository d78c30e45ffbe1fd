package io.patchctl.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class Ec2InstanceMetadataTest {

    @Test
    void instanceId_imdsV2_readsIdWithToken() {
        WireMockServer imds = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        imds.start();
        try {
            imds.stubFor(put(urlEqualTo("/latest/api/token")).withHeader("X-aws-ec2-metadata-token-ttl-seconds", equalTo("60"))
                    .willReturn(aResponse().withBody("tok-123")));
            imds.stubFor(get(urlEqualTo("/latest/meta-data/instance-id")).withHeader("X-aws-ec2-metadata-token", equalTo("tok-123"))
                    .willReturn(aResponse().withBody("i-0abc1234567890def\n")));

            // a generous timeout: this test is about the protocol, the 600 ms bound has its own test below
            assertThat(new Ec2InstanceMetadata(URI.create(imds.baseUrl()), Duration.ofSeconds(5), false)
                    .instanceId()).contains("i-0abc1234567890def");
        } finally {
            imds.stop();
        }
    }

    @Test
    void instanceId_answerThatIsNotAnId_isEmpty() {
        WireMockServer imds = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        imds.start();
        try {
            imds.stubFor(put(urlEqualTo("/latest/api/token")).willReturn(aResponse().withBody("t")));
            imds.stubFor(get(urlEqualTo("/latest/meta-data/instance-id")).willReturn(aResponse().withBody("../../etc/passwd")));

            assertThat(new Ec2InstanceMetadata(URI.create(imds.baseUrl()), Duration.ofSeconds(5), false).instanceId()).isEmpty();
        } finally {
            imds.stop();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // 50x the bound: without it, a black hole would hang the test
    void instanceId_imdsThatNeverAnswers_givesUpAtTheRequestTimeout() throws IOException {
        // connections queue in the backlog and are never read: only the request timeout ends the wait
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Ec2InstanceMetadata.Lookup lookup = new Ec2InstanceMetadata(
                    URI.create("http://127.0.0.1:" + blackHole.getLocalPort()), Duration.ofMillis(600), false).lookup();

            assertThat(lookup.instanceId()).isEmpty();
            assertThat(lookup.whyEmpty()).startsWith("not reachable: java.net.http.HttpTimeoutException");
        }
    }

    @Test
    void instanceId_disabled_doesNotCall() {
        // port 1 refuses connections, which would also give empty: the reason tells the two apart
        Ec2InstanceMetadata.Lookup lookup = Ec2InstanceMetadata.fromEnvironment(Map.of("AWS_EC2_METADATA_DISABLED", "true",
                "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1")).lookup();

        assertThat(lookup.instanceId()).isEmpty();
        assertThat(lookup.whyEmpty()).isEqualTo("IMDS disabled");
    }
}
