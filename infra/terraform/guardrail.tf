# Optional Bedrock guardrail (issue 11), kept apart from iam.tf on purpose: only when
# bedrock_guardrail_id is set does the Lambda get bedrock:ApplyGuardrail on exactly that guardrail
# (and, in main.tf, the guardrail in its environment). Without it nothing here is created.
# (No locals block here: the tests read the root module's single locals block.)

resource "aws_iam_role_policy" "lambda_guardrail" {
  count = var.bedrock_guardrail_id != "" ? 1 : 0
  name  = "lambda_bedrock_guardrail"
  role  = aws_iam_role.lambda_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "ApplyConfiguredGuardrail"
      Effect = "Allow"
      Action = "bedrock:ApplyGuardrail"
      # An id names a guardrail of this account and region; an ARN is used as given.
      Resource = startswith(var.bedrock_guardrail_id, "arn:") ? var.bedrock_guardrail_id : "arn:${local.partition}:bedrock:${var.region}:${local.account_id}:guardrail/${var.bedrock_guardrail_id}"
    }]
  })

  lifecycle {
    precondition {
      condition     = var.bedrock_guardrail_version != ""
      error_message = "bedrock_guardrail_id is set: set bedrock_guardrail_version too (a number or DRAFT)."
    }
  }
}
