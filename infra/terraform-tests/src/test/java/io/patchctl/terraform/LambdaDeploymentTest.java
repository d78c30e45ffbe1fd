package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The failure path as deployed: rule -> encrypted queue (DLQ) -> event source mapping -> SnapStart alias. */
class LambdaDeploymentTest {

    private static final Path ROOT = TerraformTree.root();
    private static final HclSource SOURCE = HclSource.module(ROOT);

    @Test
    void handler_namesTheInsightsRequestStreamHandler() throws Exception {
        Map<String, Object> function = Hcl.resource(ROOT, "aws_lambda_function", "patch_insights");
        String handler = (String) function.get("handler");

        assertThat(handler).isEqualTo("io.patchctl.lambda.InsightsHandler::handleRequest");
        Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(RequestStreamHandler.class).isAssignableFrom(type);
        assertThat(Modifier.isAbstract(type.getModifiers())).isFalse();
        assertThat(type.getConstructor()).as("Lambda needs a public no-arg constructor").isNotNull();
        assertThat(type.getMethod(handler.substring(handler.indexOf("::") + 2), InputStream.class, OutputStream.class,
                Context.class)).isNotNull();
    }

    @Test
    void function_isJava21WithSnapStartOnPublishedVersions_fromTheMavenJar() {
        Map<String, Object> function = Hcl.resource(ROOT, "aws_lambda_function", "patch_insights");
        String body = SOURCE.resource("aws_lambda_function", "patch_insights");

        assertThat(function.get("runtime")).isEqualTo("java21");
        assertThat(function.get("publish")).isEqualTo(true);
        assertThat(((Map<?, ?>) function.get("snap_start")).get("apply_on")).isEqualTo("PublishedVersions");
        assertThat(HclSource.attribute(body, "function_name")).isEqualTo("local.lambda_name");
        assertThat(HclSource.attribute(SOURCE.block("locals"), "lambda_name")).isEqualTo("\"${var.environment}-patch-insights\"");
        assertThat(HclSource.attribute(body, "filename")).isEqualTo("var.insights_jar_path");
        assertThat(HclSource.attribute(body, "source_code_hash")).isEqualTo("filebase64sha256(var.insights_jar_path)");
        assertThat(HclSource.attribute(body, "timeout")).isEqualTo("var.lambda_timeout_seconds");
        assertThat(HclSource.attribute(body, "memory_size")).isEqualTo("var.lambda_memory_mb");
        assertThat(HclSource.attribute(body, "role")).isEqualTo("aws_iam_role.lambda_role.arn");
    }

    @Test
    void function_environment_carriesTheSeedVariablesAndTheOptionalTopic() {
        String environment = HclSource.nested(SOURCE.resource("aws_lambda_function", "patch_insights"), "environment");

        assertThat(environment).containsPattern("LOG_BUCKET\\s*=\\s*aws_s3_bucket\\.patch_logs\\.id")
                .containsPattern("BEDROCK_MODEL\\s*=\\s*var\\.bedrock_model_id")
                .containsPattern("REGION\\s*=\\s*var\\.region")
                .containsPattern("ENVIRONMENT\\s*=\\s*var\\.environment")
                .containsPattern("ESCALATION_TOPIC_ARN\\s*=\\s*aws_sns_topic\\.escalation\\[0]\\.arn");
    }

    @Test
    void function_environment_setsEveryVariableTheHandlersConfigReads() {
        String environment = HclSource.nested(SOURCE.resource("aws_lambda_function", "patch_insights"), "environment");
        java.util.Set<String> set = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b([A-Z][A-Z0-9_]{2,})\\s*=(?!=)").matcher(environment);
        while (m.find()) {
            set.add(m.group(1));
        }
        java.util.Set<String> read = new java.util.TreeSet<>();
        Map<String, String> recording = new java.util.HashMap<>() {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return switch ((String) key) {
                    case "LOG_BUCKET" -> "dev-rhel8-patch-logs-123456789012";
                    case "ENVIRONMENT" -> "dev";
                    case "REGION" -> "us-east-2";
                    case "INSIGHTS_SIGNATURE_TTL" -> "21600";
                    default -> null;
                };
            }
        };

        io.patchctl.aws.insights.InsightsConfig.fromEnvironment(recording);
        read.remove("AWS_REGION"); // set by the Lambda runtime itself; only a fallback for REGION
        assertThat(set).containsAll(read);
    }

    @Test
    void queue_invokesThePublishedAlias_withBoundedConcurrencyAndPartialBatchResponses() {
        String mapping = SOURCE.resource("aws_lambda_event_source_mapping", "patch_failure_queue");
        String alias = SOURCE.resource("aws_lambda_alias", "patch_insights_live");
        Map<String, Object> parsed = Hcl.resource(ROOT, "aws_lambda_event_source_mapping", "patch_failure_queue");

        assertThat(HclSource.attribute(mapping, "function_name")).isEqualTo("aws_lambda_alias.patch_insights_live.arn");
        assertThat(HclSource.attribute(alias, "function_version")).isEqualTo("aws_lambda_function.patch_insights.version");
        assertThat(HclSource.attribute(mapping, "event_source_arn")).isEqualTo("aws_sqs_queue.patch_failure.arn");
        assertThat(parsed.get("function_response_types")).isEqualTo(java.util.List.of("ReportBatchItemFailures"));
        assertThat(HclSource.attribute(HclSource.nested(mapping, "scaling_config"), "maximum_concurrency"))
                .isEqualTo("var.insights_max_concurrency");
        assertThat(Hcl.variable(ROOT, "insights_max_concurrency").get("default")).isEqualTo(5.0);
    }

    @Test
    void queue_isEncrypted_redrivesToTheDlq_andOutlastsTheFunctionTimeout() {
        String queue = SOURCE.resource("aws_sqs_queue", "patch_failure");
        String dlq = SOURCE.resource("aws_sqs_queue", "patch_failure_dlq");

        assertThat(HclSource.attribute(queue, "sqs_managed_sse_enabled")).isEqualTo("true");
        assertThat(HclSource.attribute(dlq, "sqs_managed_sse_enabled")).isEqualTo("true");
        assertThat(queue).containsPattern("deadLetterTargetArn\\s*=\\s*aws_sqs_queue\\.patch_failure_dlq\\.arn")
                .containsPattern("maxReceiveCount\\s*=\\s*var\\.insights_max_receive_count");
        assertThat(HclSource.attribute(queue, "visibility_timeout_seconds")).isEqualTo("local.insights_visibility_seconds");
        assertThat(HclSource.attribute(SOURCE.block("locals"), "insights_visibility_seconds")).isEqualTo("6 * var.lambda_timeout_seconds");
    }

    @Test
    void rule_targetsTheQueue_whosePolicyAdmitsOnlyThatRule_andParksUndeliverableEventsInTheDlq() {
        String target = SOURCE.resource("aws_cloudwatch_event_target", "patch_failure_queue");
        String queuePolicy = SOURCE.resource("aws_sqs_queue_policy", "patch_failure");

        assertThat(HclSource.attribute(target, "rule")).isEqualTo("aws_cloudwatch_event_rule.patch_failure.name");
        assertThat(HclSource.attribute(target, "arn")).isEqualTo("aws_sqs_queue.patch_failure.arn");
        assertThat(HclSource.attribute(HclSource.nested(target, "dead_letter_config"), "arn"))
                .isEqualTo("aws_sqs_queue.patch_failure_dlq.arn");
        assertThat(queuePolicy).containsPattern("Principal\\s*=\\s*\\{ Service = \"events\\.amazonaws\\.com\" }")
                .containsPattern("Action\\s*=\\s*\"sqs:SendMessage\"")
                .containsPattern("\"aws:SourceArn\" = aws_cloudwatch_event_rule\\.patch_failure\\.arn");
    }

    @Test
    void logBucket_blocksPublicAccess_encrypts_versions_expires_andDeniesPlainHttp() {
        Map<String, Object> block = Hcl.resource(ROOT, "aws_s3_bucket_public_access_block", "patch_logs");
        for (String flag : new String[] {"block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"}) {
            assertThat(block.get(flag)).as(flag).isEqualTo(true);
        }
        assertThat(SOURCE.resource("aws_s3_bucket_server_side_encryption_configuration", "patch_logs"))
                .containsPattern("sse_algorithm\\s*=\\s*\"AES256\"");
        assertThat(SOURCE.resource("aws_s3_bucket_versioning", "patch_logs")).containsPattern("status\\s*=\\s*\"Enabled\"");
        assertThat(SOURCE.resource("aws_s3_bucket_lifecycle_configuration", "patch_logs")).contains("expiration {")
                .contains("noncurrent_version_expiration {");
        assertThat(SOURCE.resource("aws_s3_bucket_policy", "patch_logs_tls_only")).contains("Effect    = \"Deny\"")
                .contains("Bool = { \"aws:SecureTransport\" = \"false\" }");
        assertThat(HclSource.attribute(SOURCE.block("locals"), "bucket_name"))
                .isEqualTo("coalesce(var.s3_bucket_name, \"${var.environment}-rhel8-patch-logs-${local.account_id}\")");
    }

    @Test
    void agentJar_isUploadedToTheBucket_contentAddressed() {
        String object = SOURCE.resource("aws_s3_object", "agent_jar");
        String locals = SOURCE.block("locals");

        assertThat(HclSource.attribute(object, "source")).isEqualTo("var.agent_jar_path");
        assertThat(HclSource.attribute(object, "bucket")).isEqualTo("aws_s3_bucket.patch_logs.id");
        assertThat(HclSource.attribute(locals, "agent_jar_sha256")).isEqualTo("filesha256(var.agent_jar_path)");
        assertThat(HclSource.attribute(locals, "agent_jar_key"))
                .isEqualTo("\"bedrock-patch-artifacts/${var.environment}/patchctl-${local.agent_jar_sha256}.jar\"");
    }
}
