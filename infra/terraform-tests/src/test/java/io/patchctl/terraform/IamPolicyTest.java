package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies as Terraform renders them: least privilege for Bedrock (exactly the configured
 * model), S3 (only this environment's prefixes), and no wildcard except where AWS requires it.
 */
class IamPolicyTest {

    private static final String ENV = "dev";
    private static final String BUCKET_ARN = "arn:aws:s3:::dev-rhel8-patch-logs-123456789012";
    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-2:123456789012:dev-patch-failure-events";
    private static final String TOPIC_ARN = "arn:aws:sns:us-east-2:123456789012:dev-patch-escalations";
    private static final String AGENT_JAR_KEY = "bedrock-patch-artifacts/dev/patchctl-" + "ab".repeat(32) + ".jar";
    private static final String PROFILE_ARN =
            "arn:aws:bedrock:us-east-2:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6";
    private static final String ANY_REGION_MODEL_ARN = "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-6";
    private static final List<String> MODEL_ARNS = List.of(PROFILE_ARN, ANY_REGION_MODEL_ARN);
    /**
     * What local.bedrock_statements_json is for the default inference profile (Terraform's own rendering
     * is checked by scripts/plan-offline.sh and evaluated by the IAM simulation, IamSimulationTest).
     */
    private static final String BEDROCK_STATEMENTS = """
            {"Sid":"InvokeTheConfiguredInferenceProfile","Effect":"Allow","Action":["bedrock:InvokeModel"],"Resource":["%s"]},            {"Sid":"InvokeTheFoundationModelOnlyThroughThatProfile","Effect":"Allow","Action":["bedrock:InvokeModel"],            "Resource":["%s"],"Condition":{"StringEquals":{"bedrock:InferenceProfileArn":"%s"}}}"""
            .formatted(PROFILE_ARN, ANY_REGION_MODEL_ARN, PROFILE_ARN);

    private static final Path ROOT = TerraformTree.root();

    static IamPolicy lambdaPolicy(String topicArn) {
        return IamPolicy.parse("lambda_bedrock_s3", TemplateRenderer.renderFile(ROOT.resolve("templates/lambda-policy.json.tftpl"),
                Map.of("bedrock_statements_json", BEDROCK_STATEMENTS, "bucket_arn", BUCKET_ARN, "environment", ENV,
                        "queue_arn", QUEUE_ARN, "topic_arn", topicArn)));
    }

    static IamPolicy instancePolicy() {
        return IamPolicy.parse("patch_agent", TemplateRenderer.renderFile(ROOT.resolve("templates/instance-policy.json.tftpl"),
                Map.of("bedrock_statements_json", BEDROCK_STATEMENTS, "bucket_arn", BUCKET_ARN, "environment", ENV,
                        "agent_jar_key", AGENT_JAR_KEY)));
    }

    static IamPolicy maintenanceWindowPolicy() {
        return IamPolicy.parse("ssm_bedrock_role", TemplateRenderer.renderFile(
                TerraformTree.patchManager().resolve("templates/maintenance-window-policy.json.tftpl"),
                Map.of("document_arn", "arn:aws:ssm:us-east-2:123456789012:document/dev-bedrock-rhel8-patch",
                        "partition", "aws", "region", "us-east-2", "account_id", "123456789012", "bucket_arn", BUCKET_ARN)));
    }

    @Test
    void everyPolicy_hasNoWildcardAction_andStarResourceOnlyWhereAwsRequiresIt() {
        for (IamPolicy policy : List.of(lambdaPolicy(TOPIC_ARN), lambdaPolicy(""), instancePolicy(), maintenanceWindowPolicy())) {
            policy.auditWildcards();
        }
        // The one "*" on the hosts is narrowed to callers that are EC2 instances.
        IamPolicy.Statement compliance = instancePolicy().withAction("ssm:PutComplianceItems").get(0);
        assertThat(compliance.condition().path("Null").path("ec2:SourceInstanceARN").asText()).isEqualTo("false");
    }

    @Test
    void audit_wildcardAction_isRejectedWithItsName() {
        IamPolicy bad = IamPolicy.parse("bad", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"All\",\"Effect\":\"Allow\","
                + "\"Action\":\"bedrock:*\",\"Resource\":\"arn:aws:bedrock:us-east-2::foundation-model/x\"}]}");

        assertThatThrownBy(bad::auditWildcards).isInstanceOf(AssertionError.class)
                .hasMessage("bad statement All: wildcard action 'bedrock:*'");
    }

    @Test
    void audit_starResourceForS3_isRejected() {
        IamPolicy bad = IamPolicy.parse("bad", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Any\",\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}");

        assertThatThrownBy(bad::auditWildcards).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("bad statement Any: 's3:GetObject' on Resource \"*\"");
    }

    @Test
    void lambdaAndInstance_invokeOnlyTheConfiguredModelArns() {
        for (IamPolicy policy : List.of(lambdaPolicy(TOPIC_ARN), instancePolicy())) {
            assertThat(policy.allActions().stream().filter(a -> a.startsWith("bedrock:")))
                    .as(policy.name()).containsOnly("bedrock:InvokeModel");
            assertThat(policy.resourcesOf("bedrock:InvokeModel")).as(policy.name())
                    .containsExactlyInAnyOrderElementsOf(MODEL_ARNS);
        }
    }

    @Test
    void maintenanceWindowRole_hasNoBedrockOrS3_andSendsOnlyThePatchDocument_withOutputToTheLogBucket() {
        IamPolicy policy = maintenanceWindowPolicy();

        assertThat(policy.allActions()).noneMatch(a -> a.startsWith("bedrock:") || a.startsWith("s3:"));
        // SendCommand is authorised against the document, the instances and the output bucket (resource
        // type "bucket" in the Service Authorization Reference); without the bucket every window run is denied.
        assertThat(policy.resourcesOf("ssm:SendCommand")).containsExactlyInAnyOrder(
                "arn:aws:ssm:us-east-2:123456789012:document/dev-bedrock-rhel8-patch",
                "arn:aws:ec2:us-east-2:123456789012:instance/*",
                "arn:aws:ssm:us-east-2:123456789012:managed-instance/*",
                BUCKET_ARN);
    }

    @Test
    void lambdaPolicy_readsHostContext_writesOnlyInsights_ofItsEnvironment() {
        IamPolicy policy = lambdaPolicy(TOPIC_ARN);

        assertThat(policy.resourcesOf("s3:GetObject")).containsExactlyInAnyOrder(
                BUCKET_ARN + "/bedrock-patch-runs/dev/*", BUCKET_ARN + "/bedrock-patch/dev/*",
                BUCKET_ARN + "/bedrock-patch-insights/dev/*");
        assertThat(policy.resourcesOf("s3:PutObject")).containsExactly(BUCKET_ARN + "/bedrock-patch-insights/dev/*");
        assertThat(policy.withAction("s3:DeleteObject")).as("the Lambda never deletes").isEmpty();
        assertListScopedToPrefixes(policy, "bedrock-patch-runs/dev/*", "bedrock-patch/dev/*", "bedrock-patch-insights/dev/*");
        assertThat(policy.resourcesOf("sqs:ReceiveMessage")).containsExactly(QUEUE_ARN);
        assertThat(policy.resourcesOf("sqs:DeleteMessage")).containsExactly(QUEUE_ARN);
        // The maintenance-window branch is gone: its Get/Describe calls have no resource types and a
        // window-scoped grant allowed nothing; the per-instance Run Command event names the host.
        assertThat(policy.allActions()).noneMatch(a -> a.startsWith("ssm:"));
        assertOnlyServices(policy, "bedrock", "s3", "sqs", "sns");
    }

    @Test
    void lambdaPolicy_publishesEscalations_onlyWhenTheTopicExists() {
        assertThat(lambdaPolicy(TOPIC_ARN).resourcesOf("sns:Publish")).containsExactly(TOPIC_ARN);
        assertThat(lambdaPolicy("").withAction("sns:Publish")).isEmpty();
    }

    @Test
    void instancePolicy_grantsTheAgentItsReportsPlansJarAndCompliance_inItsEnvironmentOnly() {
        IamPolicy policy = instancePolicy();

        assertThat(policy.resourcesOf("s3:PutObject")).containsExactlyInAnyOrder(
                BUCKET_ARN + "/bedrock-patch-runs/dev/*", BUCKET_ARN + "/bedrock-plan-cache/dev/*",
                BUCKET_ARN + "/bedrock-patch/dev/*", BUCKET_ARN + "/bedrock-patch-quarantine/dev/*",
                BUCKET_ARN + "/bedrock-patch-rings/dev/successes/*");
        // a host reads its ring's approvals but never writes one: only patchctl promote does
        assertThat(policy.resourcesOf("s3:GetObject")).containsExactlyInAnyOrder(
                BUCKET_ARN + "/bedrock-patch-runs/dev/*", BUCKET_ARN + "/bedrock-plan-cache/dev/*",
                BUCKET_ARN + "/bedrock-patch-quarantine/dev/*", BUCKET_ARN + "/" + AGENT_JAR_KEY,
                BUCKET_ARN + "/bedrock-patch-rings/dev/approvals/*");
        assertThat(policy.resourcesOf("s3:GetEncryptionConfiguration")).containsExactly(BUCKET_ARN);
        // StorePlanCache releases stale leases and corrupt entries; nothing else is ever deleted.
        assertThat(policy.resourcesOf("s3:DeleteObject")).containsExactly(BUCKET_ARN + "/bedrock-plan-cache/dev/*");
        assertListScopedToPrefixes(policy, "bedrock-patch-runs/dev/*", "bedrock-plan-cache/dev/*",
                "bedrock-patch-quarantine/dev/*", "bedrock-patch-rings/dev/approvals/*");
        assertThat(policy.withAction("ssm:PutComplianceItems")).hasSize(1);
        // Hosts must not read other hosts' insight reports or the Lambda's queue.
        assertThat(policy.allActions()).noneMatch(a -> a.startsWith("sqs:") || a.startsWith("sns:"));
        assertOnlyServices(policy, "bedrock", "s3", "ssm");
    }

    @Test
    void s3Resources_areBucketLevelOrUnderThisEnvironmentsPrefixes_neverTheWholeBucket() {
        for (IamPolicy policy : List.of(lambdaPolicy(TOPIC_ARN), instancePolicy())) {
            for (IamPolicy.Statement s : policy.statements()) {
                for (String resource : s.resources()) {
                    if (!resource.startsWith("arn:aws:s3:::")) {
                        continue;
                    }
                    String where = policy.name() + " " + s.sid() + " " + resource;
                    if (resource.equals(BUCKET_ARN)) {
                        assertThat(bucketLevelOnly(s)).as(where + ": only bucket-level actions on the bucket ARN").isTrue();
                    } else {
                        assertThat(resource).as(where).startsWith(BUCKET_ARN + "/");
                        String key = resource.substring(BUCKET_ARN.length() + 1);
                        assertThat(key).as(where).matches("bedrock-[a-z-]+/" + ENV + "/.+").isNotEqualTo("*");
                    }
                }
            }
        }
    }

    @Test
    void iamTf_bindsTheTemplatesToTheRealResources() {
        TemplatefileCalls.Call lambda = TemplatefileCalls.of(ROOT, "templates/lambda-policy.json.tftpl");
        TemplatefileCalls.Call instance = TemplatefileCalls.of(ROOT, "templates/instance-policy.json.tftpl");
        HclSource source = HclSource.module(ROOT);

        for (TemplatefileCalls.Call call : List.of(lambda, instance)) {
            assertThat(TemplatefileCalls.binding(call, "bedrock_statements_json")).isEqualTo("local.bedrock_statements_json");
            assertThat(TemplatefileCalls.binding(call, "bucket_arn")).isEqualTo("local.bucket_arn");
            assertThat(TemplatefileCalls.binding(call, "environment")).isEqualTo("var.environment");
        }
        assertThat(TemplatefileCalls.binding(lambda, "queue_arn")).isEqualTo("local.queue_arn");
        assertThat(TemplatefileCalls.binding(instance, "agent_jar_key")).isEqualTo("aws_s3_object.agent_jar.key");

        String inline = source.resource("aws_iam_role_policy", "lambda_bedrock_s3");
        assertThat(HclSource.attribute(inline, "name")).isEqualTo("\"lambda_bedrock_s3\"");
        assertThat(HclSource.attribute(inline, "role")).isEqualTo("aws_iam_role.lambda_role.id");
        assertThat(HclSource.attribute(source.resource("aws_iam_role_policy_attachment", "lambda_basic_execution"), "policy_arn"))
                .endsWith(":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\"");
        String attach = source.resource("aws_iam_role_policy_attachment", "patch_agent");
        assertThat(HclSource.attribute(attach, "role")).isEqualTo("var.instance_role_name");
        assertThat(HclSource.attribute(attach, "policy_arn")).isEqualTo("aws_iam_policy.patch_agent.arn");
    }

    @Test
    void bedrockArns_areTheProfileAndTheFoundationModelsItRoutesTo() {
        String locals = HclSource.module(ROOT).block("locals");

        assertThat(locals).contains(":inference-profile/${var.bedrock_model_id}\"")
                .contains("::foundation-model/${local.bedrock_base_model_id}\"")
                .contains("\"bedrock:InferenceProfileArn\" = local.bedrock_profile_arn")
                .contains("arn:${local.partition}:bedrock:*::foundation-model/${local.bedrock_base_model_id}");
        assertThat(Hcl.defaultString(ROOT, "bedrock_model_id")).isEqualTo("us.anthropic.claude-sonnet-4-6");
        assertThat(HclSource.attribute(locals, "bucket_arn")).isEqualTo("\"arn:${local.partition}:s3:::${local.bucket_name}\"");
        assertThat(HclSource.attribute(HclSource.module(ROOT).resource("aws_s3_bucket", "patch_logs"), "bucket"))
                .isEqualTo("local.bucket_name");
    }

    private static boolean bucketLevelOnly(IamPolicy.Statement s) {
        return s.actions().stream().allMatch(a -> a.equals("s3:ListBucket") || a.equals("s3:GetEncryptionConfiguration"));
    }

    private static void assertListScopedToPrefixes(IamPolicy policy, String... prefixes) {
        List<IamPolicy.Statement> list = policy.withAction("s3:ListBucket");
        assertThat(list).as(policy.name() + " ListBucket statements").hasSize(1);
        assertThat(list.get(0).resources()).containsExactly(BUCKET_ARN);
        List<String> allowed = new java.util.ArrayList<>();
        list.get(0).condition().path("StringLike").path("s3:prefix").forEach(n -> allowed.add(n.asText()));
        assertThat(allowed).as(policy.name() + " s3:prefix condition").containsExactlyInAnyOrder(prefixes);
    }

    private static void assertOnlyServices(IamPolicy policy, String... services) {
        List<String> allowed = List.of(services);
        assertThat(policy.allActions()).as(policy.name())
                .allMatch(a -> allowed.contains(a.substring(0, a.indexOf(':'))), "service in " + allowed);
    }

}
