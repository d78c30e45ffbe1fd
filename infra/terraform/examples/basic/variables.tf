variable "region" {
  description = "AWS region to deploy to."
  type        = string
  default     = "us-east-2"
}

variable "environment" {
  description = "Environment name; hosts tagged PatchGroup=rhel8-{environment} are patched."
  type        = string
  default     = "dev"
}

variable "instance_role_name" {
  description = "Existing IAM role of the hosts' instance profile to attach the agent policy to (empty: attach the output instance_policy_arn yourself)."
  type        = string
  default     = ""
}

variable "escalation_email" {
  description = "Email for escalations (empty: no SNS topic)."
  type        = string
  default     = ""
}
