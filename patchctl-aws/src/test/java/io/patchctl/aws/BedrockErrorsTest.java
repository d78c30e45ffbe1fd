package io.patchctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.model.ModelException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

class BedrockErrorsTest {

    private static final ApiCallTimeoutException CALL_TIMEOUT =
            ApiCallTimeoutException.create(5999);

    @Test
    void callTimeout_afterOnlyThrottledAttempts_isThrottled() {
        // seen under load: 429, 429, 429, then the jittered backoff ran into the 6 s budget
        List<String> retries = List.of("attempt 1: HTTP 429 ThrottlingException", "attempt 2: HTTP 429 ThrottlingException",
                "attempt 3: HTTP 429 ThrottlingException");

        ModelException e = BedrockErrors.map(CALL_TIMEOUT, "us.anthropic.claude-sonnet-4-6", "us-east-2", 6005, retries);

        assertThat(e.reason()).isEqualTo(ModelException.Reason.THROTTLED);
        assertThat(e.getMessage()).contains("after 3 retried attempt(s)").contains("ApiCallTimeoutException");
        assertThat(e.retries()).isEqualTo(retries);
    }

    @Test
    void callTimeout_withoutRetries_orAfterOtherErrors_isATimeout() {
        assertThat(BedrockErrors.map(CALL_TIMEOUT, "m", "us-east-2", 6005, List.of()).reason())
                .isEqualTo(ModelException.Reason.TIMEOUT);
        assertThat(BedrockErrors.map(CALL_TIMEOUT, "m", "us-east-2", 6005,
                List.of("attempt 1: HTTP 429 ThrottlingException", "attempt 2: HTTP 503 ServiceUnavailableException")).reason())
                .isEqualTo(ModelException.Reason.TIMEOUT);
        assertThat(BedrockErrors.map(CALL_TIMEOUT, "m", "us-east-2", 6005,
                List.of("attempt 1: HTTP 429 ModelNotReadyException")).reason())
                .isEqualTo(ModelException.Reason.TIMEOUT);
    }

    @Test
    void invokeBody_overTheApiLimit_isRefusedBeforeSending() {
        String small = "{\"x\":\"" + "a".repeat(1000) + "\"}";
        assertThat(BedrockModelClient.checkedBody(small).asUtf8String()).isEqualTo(small);

        String big = "{\"x\":\"" + "a".repeat(BedrockModelClient.MAX_INVOKE_BODY_BYTES) + "\"}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BedrockModelClient.checkedBody(big))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("over the API's limit of 25000000 bytes")
                .extracting(e -> ((ModelException) e).reason()).isEqualTo(ModelException.Reason.BAD_REQUEST);
    }
}
