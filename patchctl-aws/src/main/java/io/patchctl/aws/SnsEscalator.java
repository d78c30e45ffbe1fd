package io.patchctl.aws;

import io.patchctl.core.insights.Escalator;
import io.patchctl.core.insights.InsightReport;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes a short summary of an escalated failure, with where its report is, to an SNS topic. */
public final class SnsEscalator implements Escalator, AutoCloseable {

    private static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;
    private final String storeDescription;

    public SnsEscalator(SnsClient sns, String topicArn, String storeDescription) {
        this.sns = Objects.requireNonNull(sns, "sns");
        if (topicArn == null || !topicArn.startsWith("arn:")) {
            throw new IllegalArgumentException("escalation topic must be an SNS topic ARN (arn:aws:sns:…), was '" + topicArn + "'");
        }
        this.topicArn = topicArn;
        this.storeDescription = storeDescription;
    }

    /** With its own client: the region, shared timeouts/retries, endpoint from AWS_ENDPOINT_URL_SNS if set. */
    public static SnsEscalator create(String topicArn, Region region, AwsClientConfig config, Map<String, String> env,
                                      String storeDescription) {
        SnsClient sns = config.settings(region, env, AwsClientConfig.endpointOverride(env, "SNS", "Sns"))
                .applyTo(SnsClient.builder()).build();
        return new SnsEscalator(sns, topicArn, storeDescription);
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
            sns.publish(b -> b.topicArn(topicArn).subject(subject).message(message));
        } catch (SdkException e) {
            throw new IllegalStateException("cannot publish escalation to " + topicArn + ": " + e.getMessage(), e);
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
