# Optional Bedrock guardrail (issue 11), kept apart from iam.tf on purpose: only when
# bedrock_guardrail_id is set does the Lambda get the guardrail in its environment and
# bedrock:ApplyGuardrail on exactly that guardrail. Without it nothing here is created.

locals {
  guardrail_enabled = var.bedrock_guardrail_id != ""
  # An id in this account and region, or the ARN as given.
  guardrail_arn = startswith(var.bedrock_guardrail_id, "arn:") ? var.bedrock_guardrail_id : "arn:${local.partition}:bedrock:${var.region}:${local.account_id}:guardrail/${var.bedrock_guardrail_id}"
  guardrail_environment = local.guardrail_enabled ? {
    BEDROCK_GUARDRAIL_ID      = var.bedrock_guardrail_id
    BEDROCK_GUARDRAIL_VERSION = var.bedrock_guardrail_version
  } : {}
}

resource "aws_iam_role_policy" "lambda_guardrail" {
  count = local.guardrail_enabled ? 1 : 0
  name  = "lambda_bedrock_guardrail"
  role  = aws_iam_role.lambda_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ApplyConfiguredGuardrail"
      Effect   = "Allow"
      Action   = "bedrock:ApplyGuardrail"
      Resource = local.guardrail_arn
    }]
  })

  lifecycle {
    precondition {
      condition     = var.bedrock_guardrail_version != ""
      error_message = "bedrock_guardrail_id is set: set bedrock_guardrail_version too (a number or DRAFT)."
    }
  }
}
