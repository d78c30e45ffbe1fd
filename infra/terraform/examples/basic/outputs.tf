output "patch_insights_lambda_arn" {
  description = "ARN of the insights Lambda."
  value       = module.patchctl.patch_insights_lambda_arn
}

output "patch_failure_rule_arn" {
  description = "ARN of the EventBridge failure rule."
  value       = module.patchctl.patch_failure_rule_arn
}

output "log_bucket_name" {
  description = "Log bucket."
  value       = module.patchctl.log_bucket_name
}

output "maintenance_window_id" {
  description = "Maintenance window id."
  value       = module.patchctl.maintenance_window_id
}

output "patch_document_name" {
  description = "Run Command document name."
  value       = module.patchctl.patch_document_name
}

output "dead_letter_queue_arn" {
  description = "Dead-letter queue ARN (source of `aws sqs start-message-move-task`)."
  value       = module.patchctl.dead_letter_queue_arn
}

output "dead_letter_queue_url" {
  description = "Dead-letter queue URL."
  value       = module.patchctl.dead_letter_queue_url
}

output "instance_policy_arn" {
  description = "Policy the hosts' instance role needs."
  value       = module.patchctl.instance_policy_arn
}

output "operator_policy_arn" {
  description = "Policy an operator needs for patchctl campaign."
  value       = module.patchctl.operator_policy_arn
}
