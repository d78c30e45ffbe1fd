package io.patchctl.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** The pure parts of the SNS adapter (their HTTP paths run in the insights integration tests). */
class InsightsAdaptersTest {

    @Test
    void snsSubject_isAsciiAndAtMost100Characters() {
        String subject = SnsEscalator.ascii("patchctl prod: patch failure on i-0a1b2c3d4e5f60718 \u2014 " + "x".repeat(120));
        assertThat(subject).hasSize(100).endsWith("...").doesNotContain("\u2014").contains("?");
    }

    @Test
    void snsMessage_isAtMost256KbOfUtf8_cutOnACharacterBoundary() {
        String message = "\u00e9".repeat(200_000); // 400,000 bytes of UTF-8

        String fitted = SnsEscalator.fitMessage(message);

        assertThat(fitted.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(SnsEscalator.MAX_MESSAGE_BYTES);
        assertThat(fitted).endsWith("[cut to SNS's 256 KB limit; the full analysis is in the report]").startsWith("\u00e9\u00e9");
        assertThat(fitted.replace("\n[cut to SNS's 256 KB limit; the full analysis is in the report]", "")).matches("\u00e9+");
        assertThat(SnsEscalator.fitMessage("short")).isEqualTo("short");
    }

    @Test
    void snsEscalator_topicMustBeAnArn() {
        try (SnsClient sns = SnsClient.builder().region(Region.US_EAST_2).build()) {
            assertThatThrownBy(() -> new SnsEscalator(sns, "dev-patch-escalations", "s3://b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("escalation topic must be an SNS topic ARN (arn:aws:sns:…), was 'dev-patch-escalations'");
        }
    }
}
