package io.patchctl.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.aws.BedrockStub;
import io.patchctl.aws.S3ProxyServer;
import io.patchctl.core.internal.json.Json;
import io.patchctl.lab.LabHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS side of the Bedrock lab tests: WireMock standing in for Bedrock runtime (and SSM), S3Proxy
 * for S3, wired through the SDK's standard endpoint system properties, so {@code patchctl run}
 * builds its real adapters exactly as on a host.
 */
final class BedrockLabFixture implements AutoCloseable {

    static final String INVOKE = "/model/.+/invoke";

    final WireMockServer bedrock;
    final S3ProxyServer s3;

    BedrockLabFixture() {
        this(new com.github.tomakehurst.wiremock.extension.Extension[0]);
    }

    /** With WireMock extensions, e.g. a stand-in that composes its answer from the prompt. */
    BedrockLabFixture(com.github.tomakehurst.wiremock.extension.Extension... extensions) {
        bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(40)
                .extensions(extensions));
        bedrock.start();
        s3 = S3ProxyServer.start(); // also sets aws.accessKeyId / aws.secretAccessKey (fake, loopback only)
        System.setProperty("aws.endpointUrlBedrockRuntime", bedrock.baseUrl());
        System.setProperty("aws.endpointUrlSsm", bedrock.baseUrl());
        System.setProperty("aws.endpointUrlS3", s3.endpoint().toString());
        // off EC2: no IMDS wait in any test
        System.setProperty("aws.disableEc2Metadata", "true");
    }

    void answer(ResponseDefinitionBuilder response) {
        bedrock.resetAll();
        bedrock.stubFor(post(urlPathMatching(INVOKE)).willReturn(response));
    }

    void answerText(String text) {
        answer(BedrockStub.reply(text, "end_turn", 812, 95));
    }

    int bedrockCalls() {
        return bedrock.countRequestsMatching(postRequestedFor(urlPathMatching(INVOKE)).build()).getCount();
    }

    /** {@code patchctl run} on a lab host with the real adapters (only dnf's environment comes from the lab). */
    static LabRun run(LabHost host, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.stream().noneMatch(a -> a.startsWith("--spool-dir"))) {
            all.add("--spool-dir=" + host.dir().resolve("spool"));
        }
        return LabRun.run(host, LabRun.components(host, null, new ProcessRunner()), all.toArray(new String[0]));
    }

    /** Like {@link #run} with another instance id (LabRun's default is i-0lab). */
    static LabRun runAs(LabHost host, String instanceId, String... args) {
        List<String> all = new ArrayList<>(List.of("--installroot=" + host.installroot(), "--instance-id=" + instanceId,
                "--spool-dir=" + host.dir().resolve("spool"), "--lock-file=" + host.dir().resolve("patchctl-run.lock")));
        host.dnfArgs().forEach(a -> all.add("--dnf-arg=" + a));
        all.addAll(List.of(args));
        return LabRun.runRaw(LabRun.components(host, null, new ProcessRunner()), all.toArray(new String[0]));
    }

    static JsonNode report(LabRun run) {
        try {
            return Json.mapper().readTree(run.stdout);
        } catch (Exception e) {
            throw new AssertionError("stdout is not a report: " + run.stdout + "\nstderr: " + run.stderr, e);
        }
    }

    @Override
    public void close() {
        for (String p : List.of("aws.endpointUrlBedrockRuntime", "aws.endpointUrlSsm", "aws.endpointUrlS3",
                "aws.disableEc2Metadata", "aws.accessKeyId", "aws.secretAccessKey")) {
            System.clearProperty(p);
        }
        bedrock.stop();
        s3.close();
    }
}
