variable "environment" {
  description = "Environment name; prefixes every resource and selects the PatchGroup tag rhel8-{environment}."
  type        = string
}

variable "region" {
  description = "AWS region the agent uses for Bedrock and S3 (passed to `patchctl run --region`)."
  type        = string
}

variable "bucket_name" {
  description = "Log bucket: Run Command output goes to bedrock-patch/{environment}/, RunReports to bedrock-patch-runs/{environment}/."
  type        = string
}

variable "agent_jar_key" {
  description = "S3 key of the agent jar (patchctl-agent.jar) in bucket_name."
  type        = string
}

variable "agent_jar_sha256" {
  description = "Hex SHA-256 of the agent jar; the script refuses to run a jar with another checksum."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{64}$", var.agent_jar_sha256))
    error_message = "agent_jar_sha256 must be 64 lower-case hex characters (filesha256 of the jar)."
  }
}

variable "compliance_type" {
  description = "SSM compliance type the agent reports (`patchctl run --compliance-type`); the failure rule filters on the same value."
  type        = string
  default     = "Custom:RHEL8SecurityPatching"
}

variable "model_id" {
  description = "Bedrock model or inference-profile id passed to `patchctl run --model-id`."
  type        = string
}

variable "advisor" {
  description = "Default advisor of the document's `advisor` parameter: bedrock (falls back to rules) or rules."
  type        = string
  default     = "bedrock"

  validation {
    condition     = contains(["bedrock", "rules"], var.advisor)
    error_message = "advisor must be bedrock or rules."
  }
}

variable "reboot" {
  description = "Default of the document's `reboot` parameter: never (kernels held) or if-needed (kernels installed, the host rebooted through SSM's exit 194 and the run resumed; see docs/host-agent.md)."
  type        = string
  default     = "never"

  validation {
    condition     = contains(["never", "if-needed"], var.reboot)
    error_message = "reboot must be never or if-needed."
  }
}

variable "policy_json" {
  description = "Patch policy (JSON, read as YAML by the agent: hold_packages, minimum_severity, hold_reboot_packages, max_packages) written to the host for `patchctl run --policy`."
  type        = string
}

variable "schedule" {
  description = "Maintenance window schedule."
  type        = string
  default     = "cron(0 2 ? * SAT *)"
}

variable "schedule_timezone" {
  description = "IANA time zone of the schedule."
  type        = string
  default     = "UTC"
}

variable "window_duration_hours" {
  description = "Maintenance window length in hours."
  type        = number
  default     = 3
}

variable "window_cutoff_hours" {
  description = "Hours before the window ends when no new task invocations start."
  type        = number
  default     = 1
}

variable "max_concurrency" {
  description = "Run Command max concurrency: how many hosts (or percent) patch at once."
  type        = string
  default     = "10%"
}

variable "max_errors" {
  description = "Run Command max errors before the task stops sending to more hosts."
  type        = string
  default     = "10%"
}

variable "java_package" {
  description = "RHEL package installed when no Java 17+ runtime is present."
  type        = string
  default     = "java-17-openjdk-headless"
}

variable "task_timeout_seconds" {
  description = "Run Command execution timeout of one host's patch run, in seconds."
  type        = number
  default     = 3600

  # above the agent's 1800 s dnf timeout + 300 s transaction grace + 120 s SIGTERM grace + 180 s (see the root module)
  validation {
    condition     = var.task_timeout_seconds >= 2400 && var.task_timeout_seconds <= 172800
    error_message = "task_timeout_seconds must be between 2400 (the agent's 1800 s dnf timeout + 300 s for a dnf inside the rpm transaction + 120 s SIGTERM grace + 180 s for the other steps) and 172800."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource."
  type        = map(string)
  default     = {}
}

variable "ring" {
  description = "This environment's rollout ring (`patchctl run --ring`); empty: no rings."
  type        = string
  default     = ""
}

variable "approval_from" {
  description = "The ring this one is promoted from (`patchctl run --approval-from`); empty for the first ring."
  type        = string
  default     = ""
}

variable "schedule_offset_days" {
  description = "Days after the cron date the window runs (SSM ScheduleOffset, 0 = none, 1-6 with a cron schedule)."
  type        = number
  default     = 0

  validation {
    condition     = var.schedule_offset_days >= 0 && var.schedule_offset_days <= 6 && floor(var.schedule_offset_days) == var.schedule_offset_days
    error_message = "schedule_offset_days must be a whole number 0..6 (SSM ScheduleOffset allows 1-6)."
  }
}
