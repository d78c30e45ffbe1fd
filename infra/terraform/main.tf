# patchctl on AWS: the log bucket, the agent jar, the weekly patch window (module patch-manager),
# and the failure path EventBridge rule -> SQS queue -> insights Lambda (SnapStart alias) -> S3.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id  = data.aws_caller_identity.current.account_id
  partition   = data.aws_partition.current.partition
  bucket_name = coalesce(var.s3_bucket_name, "${var.environment}-rhel8-patch-logs-${local.account_id}")
  # Built from the names (known at plan time) so `terraform plan` shows the policies in full, and the
  # IAM simulation (infra/terraform-tests, IamSimulationTest) evaluates exactly what will be deployed.
  bucket_arn = "arn:${local.partition}:s3:::${local.bucket_name}"
  queue_name = "${var.environment}-patch-failure-events"
  queue_arn  = "arn:${local.partition}:sqs:${var.region}:${local.account_id}:${local.queue_name}"
  topic_name = "${var.environment}-patch-escalations"
  topic_arn  = "arn:${local.partition}:sns:${var.region}:${local.account_id}:${local.topic_name}"

  # Agent jar, content-addressed so a new build is a new object and the document pins its checksum.
  agent_jar_sha256 = filesha256(var.agent_jar_path)
  agent_jar_key    = "bedrock-patch-artifacts/${var.environment}/patchctl-${local.agent_jar_sha256}.jar"

  # Bedrock, AWS's pattern for cross-region inference: the caller invokes the inference profile
  # (an ARN in our region); the profile forwards to the foundation model in whichever region it
  # routes to, so that grant is on the foundation-model ARN in *any* region, but only through this
  # profile (condition bedrock:InferenceProfileArn). No list of destination regions to keep up to date.
  # A plain model id needs only its foundation-model ARN in var.region.
  bedrock_base_model_id = replace(var.bedrock_model_id, "/^(us|eu|apac|jp|au|us-gov|global)\\./", "")
  bedrock_uses_profile  = local.bedrock_base_model_id != var.bedrock_model_id
  bedrock_profile_arn   = "arn:${local.partition}:bedrock:${var.region}:${local.account_id}:inference-profile/${var.bedrock_model_id}"
  bedrock_profile_statements = [
    {
      Sid      = "InvokeTheConfiguredInferenceProfile"
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel"]
      Resource = [local.bedrock_profile_arn]
    },
    {
      Sid       = "InvokeTheFoundationModelOnlyThroughThatProfile"
      Effect    = "Allow"
      Action    = ["bedrock:InvokeModel"]
      Resource  = ["arn:${local.partition}:bedrock:*::foundation-model/${local.bedrock_base_model_id}"]
      Condition = { StringEquals = { "bedrock:InferenceProfileArn" = local.bedrock_profile_arn } }
    }
  ]
  bedrock_model_statements = [
    {
      Sid      = "InvokeTheConfiguredModel"
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel"]
      Resource = ["arn:${local.partition}:bedrock:${var.region}::foundation-model/${var.bedrock_model_id}"]
    }
  ]
  # Spliced into the policy templates as the first statements (a JSON list without its brackets).
  bedrock_statements_json = trimsuffix(trimprefix(
    local.bedrock_uses_profile ? jsonencode(local.bedrock_profile_statements) : jsonencode(local.bedrock_model_statements)
  , "["), "]")

  # Failure path arithmetic, one formula (README.md, "The failure path's arithmetic"): a message may need
  # message_budget seconds (InsightsHandler.MIN_MILLIS_PER_MESSAGE: a 10 s wait for a shared analysis,
  # two model calls of at most 20 s, the S3 writes), so a batch of insights_batch_size needs
  # batch_size x budget plus the start-up margin within the function timeout; the queue hides a
  # message for 6x the function timeout (AWS's rule for SQS event sources).
  insights_message_budget_seconds = 55
  insights_start_margin_seconds   = 10
  insights_min_timeout_seconds    = var.insights_batch_size * local.insights_message_budget_seconds + local.insights_start_margin_seconds
  insights_visibility_seconds     = 6 * var.lambda_timeout_seconds

  # The agent's policy file (PolicyLoader reads YAML; JSON is YAML). Strict keys: see PolicyLoader.
  policy_json = jsonencode({
    hold_packages        = var.policy_hold_globs
    minimum_severity     = lower(var.policy_minimum_severity)
    hold_reboot_packages = var.policy_hold_reboot_packages
    max_packages         = var.policy_max_packages
  })

  # Prefixes whose objects expire after report_retention_days (see docs/design.md, "Report layout").
  report_prefixes = ["bedrock-patch/", "bedrock-patch-runs/", "bedrock-patch-insights/"]

  # Rings (issue 14): this environment's place in var.rings; no rings: everything empty/0.
  ring_envs        = [for r in var.rings : r.env]
  ring_index       = index(concat(local.ring_envs, [var.environment]), var.environment)
  ring             = length(var.rings) == 0 ? "" : var.environment
  ring_from        = local.ring_index > 0 && local.ring_index < length(var.rings) ? var.rings[local.ring_index - 1].env : ""
  ring_offset_days = local.ring_index < length(var.rings) ? var.rings[local.ring_index].window_offset_days : 0

  escalation_enabled = var.escalation_email != ""
  lambda_name        = "${var.environment}-patch-insights"
}

# ---------------------------------------------------------------------------------------------
# Log bucket: Run Command output, RunReports, InsightReports, plan cache, agent jar.
# ---------------------------------------------------------------------------------------------
resource "aws_s3_bucket" "patch_logs" {
  bucket = local.bucket_name
  tags   = merge(var.tags, { Environment = var.environment, Purpose = "rhel8-patching-logs" })

  lifecycle {
    # var.region goes into ARNs, the document and the Lambda's REGION: it must be where we deploy.
    precondition {
      condition     = data.aws_region.current.name == var.region
      error_message = "var.region must equal the AWS provider's region (configure the provider with region = var.region)."
    }
  }
}

resource "aws_s3_bucket_public_access_block" "patch_logs" {
  bucket                  = aws_s3_bucket.patch_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "patch_logs" {
  bucket = aws_s3_bucket.patch_logs.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "patch_logs" {
  bucket = aws_s3_bucket.patch_logs.id
  rule {
    apply_server_side_encryption_by_default {
      # SSE-S3: no KMS key policy to manage, and the SSM agent can write output without kms:*.
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "patch_logs" {
  bucket = aws_s3_bucket.patch_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "patch_logs" {
  bucket = aws_s3_bucket.patch_logs.id

  # Every rule is scoped by prefix: a whole-bucket rule would also expire bedrock-patch-artifacts/,
  # the pinned agent jar, and every host would fail until someone re-applied.
  dynamic "rule" {
    for_each = local.report_prefixes
    content {
      id     = "expire-${trimsuffix(rule.value, "/")}"
      status = "Enabled"
      filter {
        prefix = rule.value
      }
      expiration {
        days = var.report_retention_days
      }
      noncurrent_version_expiration {
        noncurrent_days = 30
      }
      abort_incomplete_multipart_upload {
        days_after_initiation = 7
      }
    }
  }

  # The jar itself never expires (the document pins it); replaced releases go after 30 days.
  rule {
    id     = "expire-replaced-agent-jars"
    status = "Enabled"
    filter {
      prefix = "bedrock-patch-artifacts/"
    }
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  rule {
    id     = "expire-plan-cache"
    status = "Enabled"
    filter {
      prefix = "bedrock-plan-cache/"
    }
    expiration {
      days = 30
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.patch_logs]
}

resource "aws_s3_bucket_policy" "patch_logs_tls_only" {
  bucket = aws_s3_bucket.patch_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.patch_logs.arn, "${aws_s3_bucket.patch_logs.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  depends_on = [aws_s3_bucket_public_access_block.patch_logs]
}

resource "aws_s3_object" "agent_jar" {
  bucket       = aws_s3_bucket.patch_logs.id
  key          = local.agent_jar_key
  source       = var.agent_jar_path
  source_hash  = local.agent_jar_sha256
  content_type = "application/java-archive"
  tags         = var.tags

  depends_on = [aws_s3_bucket_server_side_encryption_configuration.patch_logs]
}

# ---------------------------------------------------------------------------------------------
# Weekly patch cycle on the hosts.
# ---------------------------------------------------------------------------------------------
module "patch_manager" {
  source = "./modules/patch-manager"

  # Names (not resource attributes) so the plan shows the document in full; the jar and the bucket
  # are only needed when the window runs, long after apply.

  environment           = var.environment
  region                = var.region
  bucket_name           = local.bucket_name
  agent_jar_key         = local.agent_jar_key
  agent_jar_sha256      = local.agent_jar_sha256
  model_id              = var.bedrock_model_id
  compliance_type       = var.compliance_type
  advisor               = var.advisor
  reboot                = var.patch_reboot
  policy_json           = local.policy_json
  schedule              = var.patch_schedule
  schedule_timezone     = var.patch_schedule_timezone
  ring                  = local.ring
  approval_from         = local.ring_from
  schedule_offset_days  = local.ring_offset_days
  window_duration_hours = var.patch_window_duration_hours
  window_cutoff_hours   = var.patch_window_cutoff_hours
  max_concurrency       = var.patch_max_concurrency
  max_errors            = var.patch_max_errors
  java_package          = var.java_package
  task_timeout_seconds  = var.patch_task_timeout_seconds
  tags                  = var.tags
}

# ---------------------------------------------------------------------------------------------
# Failure path: EventBridge rule -> SQS (buffer, paced by maximum_concurrency) -> Lambda alias.
# ---------------------------------------------------------------------------------------------
resource "aws_cloudwatch_event_rule" "patch_failure" {
  name        = "${var.environment}-patch-failure-rule"
  description = "A host failed to patch: non-compliant, patch command failed, or the seed's test event."
  event_pattern = templatefile("${path.module}/templates/failure-event-pattern.json.tftpl", {
    compliance_type   = var.compliance_type
    document_name     = module.patch_manager.document_name
    document_arn      = module.patch_manager.document_arn
    test_event_source = var.test_event_source
  })
  tags = var.tags
}

resource "aws_sqs_queue" "patch_failure_dlq" {
  name                      = "${var.environment}-patch-failure-dlq"
  message_retention_seconds = 1209600 # 14 days, the maximum: time to fix and redrive
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

resource "aws_sqs_queue" "patch_failure" {
  name                    = local.queue_name
  sqs_managed_sse_enabled = true
  # AWS: at least 6x the function timeout, so a message is not redelivered while still in work.
  visibility_timeout_seconds = local.insights_visibility_seconds
  message_retention_seconds  = 345600 # 4 days
  receive_wait_time_seconds  = 20

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.patch_failure_dlq.arn
    maxReceiveCount     = var.insights_max_receive_count
  })
  tags = var.tags
}

resource "aws_sqs_queue_policy" "patch_failure" {
  queue_url = aws_sqs_queue.patch_failure.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OnlyThePatchFailureRule"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.patch_failure.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.patch_failure.arn } }
    }]
  })
}

# EventBridge itself parks events it cannot deliver (queue policy broken, queue deleted) here.
resource "aws_sqs_queue_policy" "patch_failure_dlq" {
  queue_url = aws_sqs_queue.patch_failure_dlq.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "UndeliverableEventsFromThePatchFailureRule"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.patch_failure_dlq.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.patch_failure.arn } }
    }]
  })
}

resource "aws_cloudwatch_event_target" "patch_failure_queue" {
  rule      = aws_cloudwatch_event_rule.patch_failure.name
  target_id = "PatchFailureQueue"
  arn       = aws_sqs_queue.patch_failure.arn

  retry_policy {
    maximum_event_age_in_seconds = 86400
    maximum_retry_attempts       = 185
  }

  dead_letter_config {
    arn = aws_sqs_queue.patch_failure_dlq.arn
  }

  depends_on = [aws_sqs_queue_policy.patch_failure, aws_sqs_queue_policy.patch_failure_dlq]
}

resource "aws_sns_topic" "escalation" {
  count             = local.escalation_enabled ? 1 : 0
  name              = local.topic_name
  kms_master_key_id = "alias/aws/sns"
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "escalation_email" {
  count     = local.escalation_enabled ? 1 : 0
  topic_arn = aws_sns_topic.escalation[0].arn
  protocol  = "email"
  endpoint  = var.escalation_email
}

resource "aws_cloudwatch_log_group" "patch_insights" {
  name              = "/aws/lambda/${local.lambda_name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_lambda_function" "patch_insights" {
  function_name    = local.lambda_name
  description      = "patchctl failure insights: root-cause analysis of a failed patch run (Bedrock, rules fallback)."
  role             = aws_iam_role.lambda_role.arn
  runtime          = "java21"
  handler          = "io.patchctl.lambda.InsightsHandler::handleRequest"
  filename         = var.insights_jar_path
  source_code_hash = filebase64sha256(var.insights_jar_path)
  memory_size      = var.lambda_memory_mb
  timeout          = var.lambda_timeout_seconds
  architectures    = [var.lambda_architecture]
  # SnapStart restores from a snapshot of a *published version*: publish on every change.
  publish = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  environment {
    variables = merge(
      {
        LOG_BUCKET    = aws_s3_bucket.patch_logs.id
        BEDROCK_MODEL = var.bedrock_model_id
        REGION        = var.region
        ENVIRONMENT   = var.environment
        # Optional settings of InsightsConfig.
        INSIGHTS_ANALYST       = var.insights_analyst
        INSIGHTS_SIGNATURE_TTL = tostring(var.insights_signature_ttl_seconds)
        # A C1-only JIT starts faster; the function is I/O bound (Bedrock, S3).
        JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
      },
      local.escalation_enabled ? { ESCALATION_TOPIC_ARN = aws_sns_topic.escalation[0].arn } : {},
      # Optional guardrail (guardrail.tf grants bedrock:ApplyGuardrail on it).
      var.bedrock_guardrail_id != "" ? {
        BEDROCK_GUARDRAIL_ID      = var.bedrock_guardrail_id
        BEDROCK_GUARDRAIL_VERSION = var.bedrock_guardrail_version
      } : {}
    )
  }

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.patch_insights, aws_iam_role_policy_attachment.lambda_basic_execution]
}

resource "aws_lambda_alias" "patch_insights_live" {
  name             = "live"
  description      = "The published (SnapStart) version the queue invokes."
  function_name    = aws_lambda_function.patch_insights.function_name
  function_version = aws_lambda_function.patch_insights.version
}

resource "aws_lambda_event_source_mapping" "patch_failure_queue" {
  event_source_arn                   = aws_sqs_queue.patch_failure.arn
  function_name                      = aws_lambda_alias.patch_insights_live.arn
  batch_size                         = var.insights_batch_size
  maximum_batching_window_in_seconds = 5
  # Only the failed messages of a batch go back to the queue (the handler reports batchItemFailures).
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.insights_max_concurrency
  }

  lifecycle {
    # Otherwise every message after the first of a batch is handed back unprocessed once the model is
    # slow, each hand-back counts a receive, and after insights_max_receive_count the event is in the
    # DLQ without ever having been analysed.
    precondition {
      condition     = var.lambda_timeout_seconds >= local.insights_min_timeout_seconds
      error_message = "lambda_timeout_seconds must be at least insights_batch_size x ${local.insights_message_budget_seconds} s + ${local.insights_start_margin_seconds} s (${local.insights_min_timeout_seconds} s for this batch size)."
    }
    precondition {
      condition     = local.insights_visibility_seconds <= 43200
      error_message = "6 x lambda_timeout_seconds must not exceed SQS's 12 h visibility limit."
    }
  }

  depends_on = [aws_iam_role_policy.lambda_bedrock_s3]
}
