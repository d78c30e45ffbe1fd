output "patch_insights_lambda_arn" {
  description = "ARN of the {environment}-patch-insights Lambda function."
  value       = aws_lambda_function.patch_insights.arn
}

output "patch_insights_alias_arn" {
  description = "ARN of the `live` alias (the SnapStart version the queue invokes)."
  value       = aws_lambda_alias.patch_insights_live.arn
}

output "patch_failure_rule_arn" {
  description = "ARN of the {environment}-patch-failure-rule EventBridge rule."
  value       = aws_cloudwatch_event_rule.patch_failure.arn
}

output "patch_failure_queue_arn" {
  description = "ARN of the SQS queue between the rule and the Lambda."
  value       = aws_sqs_queue.patch_failure.arn
}

output "dead_letter_queue_arn" {
  description = "ARN of the dead-letter queue: events the Lambda failed on insights_max_receive_count times, or EventBridge could not deliver."
  value       = aws_sqs_queue.patch_failure_dlq.arn
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter queue (for `aws sqs start-message-move-task` redrives)."
  value       = aws_sqs_queue.patch_failure_dlq.url
}

output "log_bucket_name" {
  description = "Name of the log bucket."
  value       = aws_s3_bucket.patch_logs.id
}

output "log_bucket_arn" {
  description = "ARN of the log bucket."
  value       = aws_s3_bucket.patch_logs.arn
}

output "agent_jar_s3_uri" {
  description = "s3:// URI of the uploaded agent jar (content-addressed by its SHA-256)."
  value       = "s3://${aws_s3_bucket.patch_logs.id}/${aws_s3_object.agent_jar.key}"
}

output "maintenance_window_id" {
  description = "Id of the {environment}-bedrock-patch-window maintenance window."
  value       = module.patch_manager.maintenance_window_id
}

output "maintenance_window_arn" {
  description = "ARN of the maintenance window."
  value       = module.patch_manager.maintenance_window_arn
}

output "patch_document_name" {
  description = "Name of the {environment}-bedrock-rhel8-patch Run Command document."
  value       = module.patch_manager.document_name
}

output "patch_document_arn" {
  description = "ARN of the Run Command document."
  value       = module.patch_manager.document_arn
}

output "maintenance_window_role_arn" {
  description = "ARN of ssm_bedrock_role, the maintenance window's service role."
  value       = module.patch_manager.service_role_arn
}

output "instance_policy_arn" {
  description = "ARN of the managed policy the hosts' instance role needs (attached automatically when instance_role_name is set)."
  value       = aws_iam_policy.patch_agent.arn
}

output "operator_policy_arn" {
  description = "ARN of the managed policy an operator needs for patchctl campaign (SendCommand of the document, follow it, read RunReports); attach it to the operator's role."
  value       = aws_iam_policy.patch_operator.arn
}

output "lambda_role_arn" {
  description = "ARN of lambda_role."
  value       = aws_iam_role.lambda_role.arn
}

output "escalation_topic_arn" {
  description = "ARN of the escalation SNS topic, or null when escalation_email is empty."
  value       = local.escalation_enabled ? aws_sns_topic.escalation[0].arn : null
}

output "ring" {
  description = "This environment's rollout ring: its name, the ring it is promoted from (empty for the first), and its window offset in days."
  value = {
    ring               = local.ring
    approval_from      = local.ring_from
    window_offset_days = local.ring_offset_days
  }

  precondition {
    condition     = length(var.rings) == 0 || contains(local.ring_envs, var.environment)
    error_message = "rings is set but does not list this environment: add {env = var.environment, window_offset_days = N} to it."
  }
}
