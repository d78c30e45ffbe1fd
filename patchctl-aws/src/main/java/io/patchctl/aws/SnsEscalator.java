package io.patchctl.aws;

import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.InsightReport;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes a short summary of an escalated failure, with where its report is, to an SNS topic. */
public final class SnsEscalator implements Escalator, AutoCloseable {

    private static final int MAX_SUBJECT = 100;
    /**
     * Publish's Message: "at most 256 KB in size (262,144 bytes, not 262,144 characters)" (botocore
     * data/sns/2010-03-31/service-2.json, PublishInput.Message, commit 0e6e2404b85dc336dd2889814e089bde7d1a4c55).
     */
    static final int MAX_MESSAGE_BYTES = 262_144;

    private final SnsClient sns;
    private final String topicArn;
    private final String storeDescription;

    public SnsEscalator(SnsClient sns, String topicArn, String storeDescription) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = requireTopicArn(topicArn);
        this.storeDescription = storeDescription;
    }

    /** @throws IllegalArgumentException unless an ARN (checked at init even when the client is built later) */
    public static String requireTopicArn(String topicArn) {
        if (topicArn == null || !topicArn.startsWith("arn:")) {
            throw new IllegalArgumentException("escalation topic must be an SNS topic ARN (arn:aws:sns:…), was '" + topicArn + "'");
        }
        return topicArn;
    }

    /** With its own client built from the settings (normally {@link AwsClientSettings.Profile#STORAGE}). */
    public static SnsEscalator create(AwsClientSettings settings, String topicArn, String storeDescription) {
        return new SnsEscalator(settings.applyTo(SnsClient.builder(), AwsService.SNS).build(), topicArn, storeDescription);
    }

    @Override
    public void escalate(InsightReport report, String reportKey) {
        String subject = ascii("patchctl " + report.environment() + ": patch failure on " + report.instanceId() + " ("
                + report.analysis().severity() + ")");
        String message = report.analysis().summary()
                + "\n\nRoot cause: " + report.analysis().rootCause()
                + "\nSeverity: " + report.analysis().severity() + " (analysis: " + report.analysisSource() + ")"
                + "\nStatus: " + report.patchStatus() + " at " + report.timestamp()
                + "\nReport: " + storeDescription + "/" + reportKey;
        try {
            sns.publish(b -> b.topicArn(topicArn).subject(subject).message(fitMessage(message)));
        } catch (SdkException e) {
            throw new IllegalStateException("cannot publish escalation to " + topicArn + ": " + e.getMessage(), e);
        }
    }

    /** At most 256 KB of UTF-8: a longer model answer is cut (marked) rather than the escalation refused. */
    static String fitMessage(String message) {
        byte[] utf8 = message.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (utf8.length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        String marker = "\n[cut to SNS's 256 KB limit; the full analysis is in the report]";
        int budget = MAX_MESSAGE_BYTES - marker.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.IGNORE);
        try {
            // Decoding a byte prefix drops a character split at the boundary instead of mangling it.
            return decoder.decode(java.nio.ByteBuffer.wrap(utf8, 0, budget)).toString() + marker;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("cannot cut the escalation message", e);
        }
    }

    /** SNS subjects: ASCII, no line breaks, at most 100 characters. */
    static String ascii(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() <= MAX_SUBJECT ? clean : clean.substring(0, MAX_SUBJECT - 3) + "...";
    }

    @Override
    public void close() {
        sns.close();
    }
}
