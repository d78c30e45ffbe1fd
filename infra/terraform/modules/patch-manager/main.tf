# SSM side of the weekly patch cycle: window -> target (tag PatchGroup=rhel8-{env}) -> Run Command
# task that runs the patchctl agent on each host with the *instance's* credentials.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  document_name    = "${var.environment}-bedrock-rhel8-patch"
  patch_group      = "rhel8-${var.environment}"
  output_prefix    = "bedrock-patch/${var.environment}"
  jar_download_dir = "/var/lib/patchctl/agent"
  # The trailing "/" matters: the SSM Agent keeps the S3 object's name only when destinationPath ends
  # in "/" or already exists as a directory (isPathType in agent/plugins/downloadcontent/s3resource/
  # s3resource.go of aws/amazon-ssm-agent); on a fresh host a path without it becomes the file name.
  jar_download_path = "${local.jar_download_dir}/"
  policy_dir        = "/etc/patchctl"

  # Campaign parameters (patchctl campaign / patchctl run --cve --advisory): comma-separated ids, at most
  # 50, each in the form the agent's CampaignIds accepts. Only [A-Z0-9a-f:,-] can pass, so the value
  # cannot leave the single quotes the script puts it in. [0-9] rather than \d: no escapes to get wrong.
  cve_id_pattern      = "CVE-[0-9]{4}-[0-9]{4,}"
  advisory_id_pattern = "((RH|RL|AL)[SBE]A-[0-9]{4}:[0-9]{4,}|EL[SBE]A-[0-9]{4}-[0-9]{4,}|ALAS(2|2023)?-[0-9]{4}-[0-9]{3,}|FEDORA(-EPEL(-NEXT)?)?-[0-9]{4}-[0-9a-f]{10})"
  cves_allowed_pattern       = "^(${local.cve_id_pattern}(,${local.cve_id_pattern}){0,49})?$"
  advisories_allowed_pattern = "^(${local.advisory_id_pattern}(,${local.advisory_id_pattern}){0,49})?$"

  run_script = templatefile("${path.module}/templates/run-patchctl.sh.tftpl", {
    environment        = var.environment
    region             = var.region
    model_id           = var.model_id
    bucket_name        = var.bucket_name
    compliance_type    = var.compliance_type
    agent_jar_sha256   = var.agent_jar_sha256
    java_package       = var.java_package
    jar_download_dir   = local.jar_download_dir
    policy_dir         = local.policy_dir
    policy_json_base64 = base64encode(var.policy_json)
    ring               = var.ring
    approval_from      = var.approval_from
  })
}

resource "aws_ssm_document" "patch" {
  name            = local.document_name
  document_type   = "Command"
  document_format = "JSON"
  target_type     = "/AWS::EC2::Instance"

  content = jsonencode({
    schemaVersion = "2.2"
    description   = "patchctl: security-patch this RHEL 8 host (plan by Bedrock or rules, enforced by PolicyGuard, installed by dnf)."
    parameters = {
      advisor = {
        type           = "String"
        description    = "bedrock (falls back to rules, reason recorded) or rules."
        default        = var.advisor
        allowedPattern = "^(bedrock|rules)$"
      }
      scanOnly = {
        type           = "String"
        description    = "true: discover and plan, change nothing."
        default        = "false"
        allowedPattern = "^(true|false)$"
      }
      # Replaces the policy's reboot key. if-needed: kernels are installed and the agent exits 194, on
      # which the SSM Agent reboots the host and runs this step again (RebootExitCode, aws/amazon-ssm-agent).
      reboot = {
        type           = "String"
        description    = "never (kernels held) or if-needed (kernels installed; the host reboots and the run resumes)."
        default        = var.reboot
        allowedPattern = "^(never|if-needed)$"
      }
      cves = {
        type           = "String"
        description    = "Campaign: comma-separated CVE ids (CVE-2026-1234,...); only the updates that fix them are installed. Empty: no campaign."
        default        = ""
        allowedPattern = local.cves_allowed_pattern
      }
      advisories = {
        type           = "String"
        description    = "Campaign: comma-separated advisory ids (RHSA-2026:1234, RLSA-, ALSA-, ELSA-, ALAS2023-, FEDORA-...). Empty: no campaign."
        default        = ""
        allowedPattern = local.advisories_allowed_pattern
      }
    }
    mainSteps = [
      {
        action = "aws:downloadContent"
        name   = "downloadAgent"
        inputs = {
          sourceType      = "S3"
          sourceInfo      = jsonencode({ path = "https://${var.bucket_name}.s3.${var.region}.amazonaws.com/${var.agent_jar_key}" })
          destinationPath = local.jar_download_path
        }
      },
      {
        action = "aws:runShellScript"
        name   = "runPatchctl"
        inputs = {
          timeoutSeconds = tostring(var.task_timeout_seconds)
          runCommand     = [local.run_script]
        }
      }
    ]
  })

  tags = var.tags
}

resource "aws_ssm_maintenance_window" "patch" {
  name              = "${var.environment}-bedrock-patch-window"
  description       = "Weekly RHEL 8 security patching by patchctl (${var.environment})."
  schedule          = var.schedule
  schedule_timezone = var.schedule_timezone
  # a later ring's window runs this many days after the cron date (SSM ScheduleOffset, 1-6, cron only)
  schedule_offset = var.schedule_offset_days > 0 ? var.schedule_offset_days : null
  duration        = var.window_duration_hours
  cutoff            = var.window_cutoff_hours
  # Hosts are not registered by id: the tag picks them up as they are launched.
  allow_unassociated_targets = false

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.window_cutoff_hours < var.window_duration_hours
      error_message = "window_cutoff_hours must be less than window_duration_hours, or no host would ever start."
    }
  }
}

resource "aws_ssm_maintenance_window_target" "patch_group" {
  window_id     = aws_ssm_maintenance_window.patch.id
  name          = "${var.environment}-rhel8-hosts"
  description   = "EC2 instances tagged PatchGroup=${local.patch_group}."
  resource_type = "INSTANCE"

  targets {
    key    = "tag:PatchGroup"
    values = [local.patch_group]
  }
}

resource "aws_ssm_maintenance_window_task" "patch" {
  window_id = aws_ssm_maintenance_window.patch.id
  name      = "${var.environment}-patchctl-run"
  task_type = "RUN_COMMAND"
  # By name, as AWS's examples do: the Run Command event's document-name is then the name the rule
  # matches (the rule also accepts the ARN, in case SSM reports what the task was given).
  task_arn         = aws_ssm_document.patch.name
  priority         = 1
  max_concurrency  = var.max_concurrency
  max_errors       = var.max_errors
  service_role_arn = aws_iam_role.ssm_bedrock_role.arn

  targets {
    key    = "WindowTargetIds"
    values = [aws_ssm_maintenance_window_target.patch_group.id]
  }

  task_invocation_parameters {
    run_command_parameters {
      document_version     = "$LATEST"
      timeout_seconds      = 600
      output_s3_bucket     = var.bucket_name
      output_s3_key_prefix = local.output_prefix
      comment              = "patchctl run (${var.environment})"
    }
  }
}

# The maintenance window's service role. The seed gave this role Bedrock rights, but the script
# runs with the *instance's* credentials: this role now only sends and follows the one document.
# (The name is kept so existing references and dashboards still find it.)
resource "aws_iam_role" "ssm_bedrock_role" {
  name        = "${var.environment}-ssm-bedrock-role"
  description = "Maintenance window ${var.environment}-bedrock-patch-window: sends the patchctl document to tagged hosts."

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ssm.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
      }
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy" "ssm_bedrock_role" {
  name = "send-patchctl-document"
  role = aws_iam_role.ssm_bedrock_role.id
  policy = templatefile("${path.module}/templates/maintenance-window-policy.json.tftpl", {
    # From the name, so the plan shows the policy in full (the document's ARN has this form).
    document_arn = "arn:${data.aws_partition.current.partition}:ssm:${var.region}:${data.aws_caller_identity.current.account_id}:document/${local.document_name}"
    bucket_arn   = "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_name}"
    partition    = data.aws_partition.current.partition
    region       = var.region
    account_id   = data.aws_caller_identity.current.account_id
  })
}
