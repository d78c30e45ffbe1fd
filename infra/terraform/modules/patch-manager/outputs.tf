output "maintenance_window_id" {
  description = "Id of the {env}-bedrock-patch-window maintenance window."
  value       = aws_ssm_maintenance_window.patch.id
}

output "maintenance_window_arn" {
  description = "ARN of the maintenance window."
  value       = "arn:${data.aws_partition.current.partition}:ssm:${var.region}:${data.aws_caller_identity.current.account_id}:maintenancewindow/${aws_ssm_maintenance_window.patch.id}"
}

output "document_name" {
  description = "Name of the {env}-bedrock-rhel8-patch Run Command document."
  value       = aws_ssm_document.patch.name
}

output "document_arn" {
  description = "ARN of the Run Command document."
  value       = aws_ssm_document.patch.arn
}

output "task_id" {
  description = "Id of the maintenance window task that runs the document."
  value       = aws_ssm_maintenance_window_task.patch.window_task_id
}

output "service_role_arn" {
  description = "ARN of ssm_bedrock_role, the maintenance window's service role."
  value       = aws_iam_role.ssm_bedrock_role.arn
}

output "output_s3_key_prefix" {
  description = "Prefix of the Run Command output in the log bucket."
  value       = local.output_prefix
}

output "document_content" {
  description = "The Run Command document's JSON content (its script carries the agent's ring arguments)."
  value       = aws_ssm_document.patch.content
}

output "maintenance_window_schedule_offset" {
  description = "Days after the cron date the window runs (null: no offset)."
  value       = aws_ssm_maintenance_window.patch.schedule_offset
}
