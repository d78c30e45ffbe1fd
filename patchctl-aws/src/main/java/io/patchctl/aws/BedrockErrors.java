package io.patchctl.aws;

import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelException.Reason;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps what the SDK throws (the {@code x-amzn-ErrorType} of Bedrock, timeouts, I/O) to a ModelException reason. */
final class BedrockErrors {

    private BedrockErrors() {
    }

    static ModelException map(SdkException e, String modelId, long elapsedMillis) {
        return map(e, modelId, null, elapsedMillis, List.of());
    }

    /**
     * @param region  the client's region, for the operator hint (null: not named)
     * @param retries why each earlier attempt was retried
     */
    static ModelException map(SdkException e, String modelId, String region, long elapsedMillis, List<String> retries) {
        Reason reason = throttledUntilTheBudgetRanOut(e, retries) ? Reason.THROTTLED : reason(e);
        String detail = e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null
                ? ((AwsServiceException) e).awsErrorDetails().errorCode() + " (HTTP " + ((AwsServiceException) e).statusCode()
                        + "): " + oneLine(((AwsServiceException) e).awsErrorDetails().errorMessage())
                : e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
        String note = reason == Reason.MODEL_UNAVAILABLE
                ? BedrockModels.retirementNote(modelId).map(n -> " [" + n + "]").orElse("") : "";
        String attempts = retries.isEmpty() ? "" : " (after " + retries.size() + " retried attempt(s): "
                + String.join("; ", retries) + ")";
        return new ModelException(reason, "Bedrock call to " + modelId + " failed after " + elapsedMillis + " ms: "
                + detail + note + attempts + hint(reason, modelId, region), e, retries);
    }

    /**
     * A call whose every retried attempt was throttled and that then hit its call timeout was stopped by
     * throttling, not by a slow model: the timeout is only where the backoff ran into the budget (which
     * side of it a run lands on depends on the jittered backoff). Reporting TIMEOUT would send the
     * operator after latency instead of the account's Bedrock quota.
     */
    static boolean throttledUntilTheBudgetRanOut(SdkException e, List<String> retries) {
        return e instanceof ApiCallTimeoutException && !retries.isEmpty()
                && retries.stream().allMatch(r -> r.contains("HTTP 429") && !r.contains("ModelNotReady"));
    }

    /** What the operator has to change, for the failures a retry cannot cure. */
    static String hint(Reason reason, String modelId, String region) {
        String where = region == null ? "the client's region" : region;
        switch (reason) {
            case ACCESS_DENIED:
                return " [operator: allow bedrock:InvokeModel for " + modelId + " in " + where
                        + " (for an inference profile: the profile ARN and the foundation-model ARNs of every region it"
                        + " routes to), and enable access to the model in the Bedrock console of " + where
                        + " (a third-party model's first call subscribes through AWS Marketplace:"
                        + " aws-marketplace:Subscribe, aws-marketplace:ViewSubscriptions)]";
            case MODEL_UNAVAILABLE:
                return " [operator: " + modelId + " cannot be invoked in " + where + " (retired, Legacy without access,"
                        + " or not offered there); pick a current model or inference profile (us./global.) that " + where
                        + " offers and set it with --model-id, BEDROCK_MODEL or the Terraform variable bedrock_model_id]";
            default:
                return "";
        }
    }

    static Reason reason(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || e instanceof AbortedException) {
            return Reason.TIMEOUT;
        }
        if (e instanceof AwsServiceException) {
            AwsServiceException se = (AwsServiceException) e;
            String code = se.awsErrorDetails() == null ? "" : String.valueOf(se.awsErrorDetails().errorCode());
            String message = String.valueOf(se.awsErrorDetails() == null ? se.getMessage()
                    : se.awsErrorDetails().errorMessage()).toLowerCase(Locale.ROOT);
            switch (code) {
                case "AccessDeniedException":
                case "UnrecognizedClientException":
                case "InvalidSignatureException":
                case "ExpiredTokenException":
                case "IncompleteSignature":
                case "MissingAuthenticationToken":
                    return Reason.ACCESS_DENIED;
                case "ThrottlingException":
                case "ServiceQuotaExceededException":
                case "TooManyRequestsException":
                    return Reason.THROTTLED;
                case "ModelTimeoutException":
                    return Reason.TIMEOUT;
                case "ResourceNotFoundException":
                    return Reason.MODEL_UNAVAILABLE;
                case "ModelNotReadyException":
                    // HTTP 429 and retryable by the API model: retried by the STANDARD strategy; reaching here
                    // means the budget ran out, which is not the model's end of life.
                    return Reason.MODEL_NOT_READY;
                case "InternalServerException":
                case "ServiceUnavailableException":
                case "ModelErrorException":
                case "ModelStreamErrorException":
                    return Reason.SERVICE_ERROR;
                case "ValidationException":
                    // A model without structured output refuses the schema field; ask again prompt-only.
                    if (looksLikeSchemaRejection(message)) {
                        return Reason.SCHEMA_REJECTED;
                    }
                    // Retired and unknown model ids arrive as ValidationException with a telling message.
                    return looksLikeUnavailableModel(message) ? Reason.MODEL_UNAVAILABLE : Reason.BAD_REQUEST;
                default:
                    break;
            }
            int status = se.statusCode();
            if (status == 429) {
                return Reason.THROTTLED;
            }
            if (status == 403 || status == 401) {
                return Reason.ACCESS_DENIED;
            }
            if (status == 408) {
                return Reason.TIMEOUT;
            }
            if (status >= 500) {
                return Reason.SERVICE_ERROR;
            }
            return status >= 400 ? Reason.BAD_REQUEST : Reason.OTHER;
        }
        if (e instanceof SdkClientException) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("unable to load credentials") || message.contains("credentials")) {
                return Reason.NO_CREDENTIALS;
            }
            if (hasCause(e, IOException.class)) {
                return Reason.CONNECTION;
            }
        }
        return Reason.OTHER;
    }

    /**
     * Bedrock names the refused field in the message ("output_config", "outputConfig", "json_schema",
     * "structured output"); a ValidationException about anything else is not a schema problem.
     */
    private static boolean looksLikeSchemaRejection(String message) {
        return message.contains("output_config") || message.contains("outputconfig") || message.contains("output_format")
                || message.contains("textformat") || message.contains("json_schema") || message.contains("structured output");
    }

    private static boolean looksLikeUnavailableModel(String message) {
        return message.matches("(?s).*end of (its )?life.*") || message.contains("legacy") || message.contains("model identifier")
                || message.contains("not supported") || message.contains("inference profile")
                || message.contains("model id") || message.contains("access to the model");
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
