package io.patchctl.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Records why each HTTP attempt of a Bedrock call failed ({@code x-amzn-ErrorType} and status), so the
 * report can say why the SDK's STANDARD strategy retried. One list per call, handed in through an
 * execution attribute of the request; the interceptor itself keeps no state.
 */
final class BedrockAttemptLog implements ExecutionInterceptor {

    static final ExecutionAttribute<List<String>> FAILURES = new ExecutionAttribute<>("patchctl.bedrockAttemptFailures");

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        List<String> failures = attributes.getAttribute(FAILURES);
        SdkHttpResponse response = context.httpResponse();
        if (failures == null || response == null || response.statusCode() < 400) {
            return;
        }
        synchronized (failures) {
            failures.add("attempt " + (failures.size() + 1) + ": HTTP " + response.statusCode()
                    + errorType(response).map(t -> " " + t).orElse(""));
        }
    }

    /** The error type without its namespace suffix ("ThrottlingException:http://..." -> "ThrottlingException"). */
    private static Optional<String> errorType(SdkHttpResponse response) {
        return response.firstMatchingHeader("x-amzn-ErrorType")
                .map(t -> t.contains(":") ? t.substring(0, t.indexOf(':')) : t)
                .map(t -> t.replaceAll("[^A-Za-z0-9_.-]", ""))
                .filter(t -> !t.isEmpty());
    }

    /** The failures before the last attempt: those were retried. */
    static List<String> retried(List<String> failures, boolean lastAttemptFailed) {
        List<String> copy;
        synchronized (failures) {
            copy = new ArrayList<>(failures);
        }
        if (lastAttemptFailed && !copy.isEmpty()) {
            copy.remove(copy.size() - 1);
        }
        return copy;
    }
}
