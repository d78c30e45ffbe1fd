variable "region" {
  description = "AWS region of the deployment; the agent and the Lambda call Bedrock and S3 here. Must match the provider's region."
  type        = string
  default     = "us-east-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region code such as us-east-2."
  }
}

variable "environment" {
  description = "Environment name (dev, staging, prod...): prefixes every resource, names the S3 prefixes and the PatchGroup tag rhel8-{environment}."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,15}$", var.environment))
    error_message = "environment must be 1-16 characters of a-z, 0-9 and '-', starting with a letter (it becomes part of bucket, role and queue names)."
  }
}

variable "s3_bucket_name" {
  description = "Override of the log bucket name; null means {environment}-rhel8-patch-logs-{account_id}."
  type        = string
  default     = null

  validation {
    condition     = var.s3_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.s3_bucket_name))
    error_message = "s3_bucket_name must be a valid S3 bucket name (3-63 characters of a-z, 0-9, '.', '-')."
  }
}

variable "bedrock_model_id" {
  description = "Bedrock model id or cross-region inference profile id used by the agent and the Lambda (IAM is scoped to exactly this model)."
  type        = string
  default     = "us.anthropic.claude-sonnet-4-6"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.:-]{2,127}$", var.bedrock_model_id))
    error_message = "bedrock_model_id must look like us.anthropic.claude-sonnet-4-6 or anthropic.claude-...-v1:0."
  }
}

variable "advisor" {
  description = "Default advisor of the patch document: bedrock (falls back to rules with the reason recorded) or rules (no model calls)."
  type        = string
  default     = "bedrock"

  validation {
    condition     = contains(["bedrock", "rules"], var.advisor)
    error_message = "advisor must be bedrock or rules."
  }
}

variable "patch_reboot" {
  description = "Reboot mode of this environment's patch runs: never (kernels held) or if-needed (kernels installed; the host reboots inside the window and the run resumes to verify the running kernel)."
  type        = string
  default     = "never"

  validation {
    condition     = contains(["never", "if-needed"], var.patch_reboot)
    error_message = "patch_reboot must be never or if-needed."
  }
}

variable "lambda_memory_mb" {
  description = "Memory of the {environment}-patch-insights Lambda in MB (CPU scales with it)."
  type        = number
  default     = 1024

  validation {
    condition     = var.lambda_memory_mb >= 256 && var.lambda_memory_mb <= 10240
    error_message = "lambda_memory_mb must be between 256 and 10240 (a JVM below 256 MB starts too slowly)."
  }
}

variable "lambda_architecture" {
  description = "Instruction set of the insights Lambda: x86_64 or arm64 (Graviton, about 20% cheaper per GB-second; the jar is pure Java)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.lambda_architecture)
    error_message = "lambda_architecture must be x86_64 or arm64."
  }
}

variable "lambda_timeout_seconds" {
  description = "Timeout of one insights invocation in seconds: at least insights_batch_size x 55 s + 10 s (one event may take 55 s: Bedrock calls cut at 20 s, one repair, a 10 s wait); the queue's visibility timeout is 6x this."
  type        = number
  default     = 300

  validation {
    condition     = var.lambda_timeout_seconds >= 65 && var.lambda_timeout_seconds <= 900
    error_message = "lambda_timeout_seconds must be between 65 and 900 (one event may take 55 s, plus 10 s start-up)."
  }
}

variable "insights_max_concurrency" {
  description = "Most concurrent insights Lambdas the SQS event source starts: a fleet-wide failure is analysed at a pace Bedrock's quota allows."
  type        = number
  default     = 5

  validation {
    condition     = var.insights_max_concurrency >= 2 && var.insights_max_concurrency <= 1000
    error_message = "insights_max_concurrency must be between 2 and 1000 (the limits of the SQS event source's maximum_concurrency)."
  }
}

variable "insights_analyst" {
  description = "Analyst of the insights Lambda (INSIGHTS_ANALYST): bedrock (falls back to the rules analyst) or rules (no model calls)."
  type        = string
  default     = "bedrock"

  validation {
    condition     = contains(["bedrock", "rules"], var.insights_analyst)
    error_message = "insights_analyst must be bedrock or rules."
  }
}

variable "insights_signature_ttl_seconds" {
  description = "How long one analysis is reused for later hosts failing with the same error signature (INSIGHTS_SIGNATURE_TTL), in seconds."
  type        = number
  default     = 21600

  validation {
    condition     = var.insights_signature_ttl_seconds >= 0 && var.insights_signature_ttl_seconds <= 604800
    error_message = "insights_signature_ttl_seconds must be between 0 and 604800 (7 days)."
  }
}

variable "insights_batch_size" {
  description = "Failure events per Lambda invocation; failed ones are retried alone (partial batch responses). lambda_timeout_seconds must be at least this x 55 s + 10 s (checked at plan)."
  type        = number
  default     = 5

  validation {
    condition     = var.insights_batch_size >= 1 && var.insights_batch_size <= 10
    error_message = "insights_batch_size must be between 1 and 10."
  }
}

variable "insights_max_receive_count" {
  description = "Deliveries of one failure event before it moves to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.insights_max_receive_count >= 1 && var.insights_max_receive_count <= 1000
    error_message = "insights_max_receive_count must be between 1 and 1000."
  }
}

variable "log_retention_days" {
  description = "CloudWatch retention of the Lambda's logs, in days."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention value (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "report_retention_days" {
  description = "Days before run output, RunReports and InsightReports expire from the log bucket (plan cache: 30 days)."
  type        = number
  default     = 365

  validation {
    condition     = var.report_retention_days >= 30
    error_message = "report_retention_days must be at least 30."
  }
}

variable "patch_schedule" {
  description = "Schedule of the maintenance window (SSM cron or rate expression)."
  type        = string
  default     = "cron(0 2 ? * SAT *)"

  validation {
    condition     = can(regex("^(cron|rate)\\(.+\\)$", var.patch_schedule))
    error_message = "patch_schedule must be an SSM cron(...) or rate(...) expression."
  }
}

variable "patch_schedule_timezone" {
  description = "IANA time zone in which patch_schedule is read."
  type        = string
  default     = "UTC"
}

variable "patch_window_duration_hours" {
  description = "Length of the maintenance window in hours."
  type        = number
  default     = 3

  validation {
    condition     = var.patch_window_duration_hours >= 1 && var.patch_window_duration_hours <= 24
    error_message = "patch_window_duration_hours must be between 1 and 24."
  }
}

variable "patch_window_cutoff_hours" {
  description = "Hours before the window ends when SSM stops starting new hosts; must be less than the duration."
  type        = number
  default     = 1

  validation {
    condition     = var.patch_window_cutoff_hours >= 0 && var.patch_window_cutoff_hours <= 23
    error_message = "patch_window_cutoff_hours must be between 0 and 23 (and below patch_window_duration_hours)."
  }
}

variable "patch_max_concurrency" {
  description = "How many hosts patch at once: a number (10) or a percentage (10%)."
  type        = string
  default     = "10%"

  validation {
    # The SSM API's MaxConcurrency: pattern and 1-7 characters (botocore data/ssm/2014-11-06/service-2.json).
    condition     = can(regex("^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$", var.patch_max_concurrency)) && length(var.patch_max_concurrency) <= 7
    error_message = "patch_max_concurrency must be a number from 1 without leading zeros (10) or a percentage 1%-100% (10%), at most 7 characters."
  }
}

variable "patch_max_errors" {
  description = "Failed hosts after which the window stops patching more: a number (0 = stop at the first) or a percentage."
  type        = string
  default     = "10%"

  validation {
    # The SSM API's MaxErrors: pattern and 1-7 characters (botocore data/ssm/2014-11-06/service-2.json);
    # "05" or "00%" pass a looser regex and are rejected by the API at apply time.
    condition     = can(regex("^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$", var.patch_max_errors)) && length(var.patch_max_errors) <= 7
    error_message = "patch_max_errors must be 0, a number without leading zeros (5) or a percentage 0%-100% without leading zeros (10%), at most 7 characters."
  }
}

variable "patch_task_timeout_seconds" {
  description = "Execution timeout of one host's patch run in seconds."
  type        = number
  default     = 3600

  # The agent's dnf calls time out after 1800 s (patchctl run --dnf-timeout), 300 s more for a dnf
  # already inside the rpm transaction (ProcessRunner.TRANSACTION_GRACE), and on SSM's SIGTERM it lets
  # a running dnf finish for 120 s (--term-grace) before writing the CANCELLED report. The step timeout
  # must leave room for these plus discovery, planning and verification (180 s), or SSM's SIGKILL
  # lands inside the rpm transaction and leaves duplicate packages.
  validation {
    condition     = var.patch_task_timeout_seconds >= 2400 && var.patch_task_timeout_seconds <= 172800
    error_message = "patch_task_timeout_seconds must be between 2400 (the agent's 1800 s dnf timeout + 300 s for a dnf inside the rpm transaction + 120 s SIGTERM grace + 180 s for the other steps) and 172800."
  }
}

variable "policy_hold_globs" {
  description = "Package-name globs the agent never updates (policy file key hold_packages; PolicyGuard enforces them whatever the model says)."
  type        = list(string)
  default     = ["kernel*"]

  validation {
    condition     = alltrue([for g in var.policy_hold_globs : can(regex("^[A-Za-z0-9*?._+-]{1,100}$", g))])
    error_message = "policy_hold_globs entries may contain only letters, digits and * ? . _ + - (package-name globs)."
  }
}

variable "policy_minimum_severity" {
  description = "Updates below this Red Hat severity are held: critical, important, moderate or low (any case)."
  type        = string
  default     = "low"

  validation {
    condition     = contains(["critical", "important", "moderate", "low"], lower(var.policy_minimum_severity))
    error_message = "policy_minimum_severity must be critical, important, moderate or low."
  }
}

variable "policy_hold_reboot_packages" {
  description = "Also hold packages whose update needs a reboot (glibc, systemd, ...)."
  type        = bool
  default     = false
}

variable "policy_max_packages" {
  description = "At most this many packages per run; the rest are held (0 = no limit)."
  type        = number
  default     = 0

  validation {
    condition     = var.policy_max_packages >= 0
    error_message = "policy_max_packages must be >= 0."
  }
}

variable "compliance_type" {
  description = "SSM compliance type the agent reports with PutComplianceItems (the document passes it as --compliance-type); its non_compliant events trigger an analysis."
  type        = string
  default     = "Custom:RHEL8SecurityPatching"

  validation {
    # The SSM API's ComplianceTypeName, whole value, at most 100 characters (botocore
    # data/ssm/2014-11-06/service-2.json): Custom: then one of [A-Za-z0-9_-], then word characters.
    condition     = can(regex("^Custom:[A-Za-z0-9_-][A-Za-z0-9_]+$", var.compliance_type)) && length(var.compliance_type) <= 100
    error_message = "compliance_type must be Custom:<name>, at most 100 characters: a letter, digit, _ or - and then at least one letter, digit or _ (no - after the first character)."
  }
}

variable "test_event_source" {
  description = "Custom event source of the seed-style test event (Patch Manager Compliance State Change) you may send with `aws events put-events` (aws.* sources are reserved)."
  type        = string
  default     = "custom.patch-manager"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{0,99}$", var.test_event_source)) && !can(regex("^aws\\.", var.test_event_source))
    error_message = "test_event_source must be a lower-case custom source not starting with aws."
  }
}

variable "escalation_email" {
  description = "Email subscribed to the escalation SNS topic; empty creates no topic and the Lambda escalates nowhere."
  type        = string
  default     = ""

  validation {
    condition     = var.escalation_email == "" || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.escalation_email))
    error_message = "escalation_email must be empty or an email address."
  }
}

variable "instance_role_name" {
  description = "Name of the existing IAM role of the RHEL 8 hosts' instance profile; the agent policy is attached to it. Empty: attach the output instance_policy_arn yourself."
  type        = string
  default     = ""
}

variable "agent_jar_path" {
  description = "Path of the agent's shaded jar built by Maven (patchctl-agent/target/patchctl-agent.jar); uploaded to S3 and checksum-pinned in the document."
  type        = string

  validation {
    condition     = can(regex("\\.jar$", var.agent_jar_path))
    error_message = "agent_jar_path must point to the agent's .jar (run `./mvnw -B package -DskipTests` first)."
  }
}

variable "insights_jar_path" {
  description = "Path of the insights Lambda's shaded jar built by Maven (patchctl-lambda/target/patchctl-insights.jar)."
  type        = string

  validation {
    condition     = can(regex("\\.jar$", var.insights_jar_path))
    error_message = "insights_jar_path must point to the insights Lambda's .jar (run `./mvnw -B package -DskipTests` first)."
  }
}

variable "java_package" {
  description = "RHEL package the document installs when a host has no Java 17+ runtime."
  type        = string
  default     = "java-17-openjdk-headless"

  validation {
    condition     = can(regex("^[A-Za-z0-9._+-]+$", var.java_package))
    error_message = "java_package must be a single package name."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource."
  type        = map(string)
  default     = {}
}

variable "bedrock_guardrail_id" {
  description = "Optional Bedrock guardrail id or ARN applied to the Lambda's analysis calls (empty: none; set bedrock_guardrail_version too). Only when set does the Lambda role get bedrock:ApplyGuardrail, on this guardrail alone."
  type        = string
  default     = ""

  validation {
    # GuardrailIdentifier pattern of the Bedrock runtime API model.
    condition     = var.bedrock_guardrail_id == "" || can(regex("^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))$", var.bedrock_guardrail_id))
    error_message = "bedrock_guardrail_id must be a guardrail id (lower-case letters and digits) or a guardrail ARN."
  }
}

variable "bedrock_guardrail_version" {
  description = "Version of bedrock_guardrail_id: a number or DRAFT (empty when no guardrail is set)."
  type        = string
  default     = ""

  validation {
    # GuardrailVersion pattern of the Bedrock runtime API model.
    condition     = var.bedrock_guardrail_version == "" || can(regex("^(([1-9][0-9]{0,7})|(DRAFT))$", var.bedrock_guardrail_version))
    error_message = "bedrock_guardrail_version must be a positive number or DRAFT."
  }
}

variable "rings" {
  description = "Rollout rings in order, the same list in every environment's deployment, e.g. dev (offset 0), staging (2), prod (4) as a list of {env, window_offset_days}. This environment's agents run with --ring <environment> and, after the first ring, --approval-from <previous env>; its window runs window_offset_days (0-6, increasing) after the patch_schedule date. Empty: no rings."
  type = list(object({
    env                = string
    window_offset_days = number
  }))
  default = []

  validation {
    condition     = length(distinct([for r in var.rings : r.env])) == length(var.rings)
    error_message = "rings: each env may appear only once."
  }
  validation {
    condition     = alltrue([for r in var.rings : can(regex("^[a-z][a-z0-9-]{0,15}$", r.env))])
    error_message = "rings: each env must be an environment name like var.environment (1-16 of a-z, 0-9, -, starting with a letter)."
  }
  validation {
    condition     = alltrue([for r in var.rings : r.window_offset_days >= 0 && r.window_offset_days <= 6 && floor(r.window_offset_days) == r.window_offset_days])
    error_message = "rings: window_offset_days must be a whole number 0..6 (SSM ScheduleOffset allows at most 6 days)."
  }
  validation {
    condition     = alltrue([for i in range(1, max(1, length(var.rings))) : var.rings[i].window_offset_days > var.rings[i - 1].window_offset_days])
    error_message = "rings: window_offset_days must increase along the rings, or a ring would patch before the ring it is promoted from."
  }
}
