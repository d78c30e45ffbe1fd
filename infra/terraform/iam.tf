# Least privilege. Bedrock: only the configured model (the profile, and the foundation model only
# through that profile). S3: only this environment's prefixes of the log bucket. The JSON lives in templates/ so the
# tests in infra/terraform-tests can render and audit exactly what Terraform deploys.

# --- Insights Lambda -------------------------------------------------------------------------
resource "aws_iam_role" "lambda_role" {
  name        = "${var.environment}-patch-insights-role"
  description = "${local.lambda_name}: reads failure context, asks Bedrock, writes InsightReports."

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "lambda_basic_execution" {
  role       = aws_iam_role.lambda_role.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "lambda_bedrock_s3" {
  name = "lambda_bedrock_s3"
  role = aws_iam_role.lambda_role.id
  policy = templatefile("${path.module}/templates/lambda-policy.json.tftpl", {
    bedrock_statements_json = local.bedrock_statements_json
    bucket_arn              = local.bucket_arn
    environment             = var.environment
    queue_arn               = local.queue_arn
    topic_arn               = local.escalation_enabled ? local.topic_arn : ""
  })
}

# --- Agent on every RHEL 8 host ----------------------------------------------------------------
# The Run Command script runs with the *instance's* credentials (not the maintenance window's role),
# so this is where the agent's Bedrock, S3 and compliance rights belong.
resource "aws_iam_policy" "patch_agent" {
  name        = "${var.environment}-patchctl-agent"
  description = "patchctl agent on RHEL 8 hosts (${var.environment}): Bedrock plan, reports, plan cache, agent jar, compliance."
  policy = templatefile("${path.module}/templates/instance-policy.json.tftpl", {
    bedrock_statements_json = local.bedrock_statements_json
    bucket_arn              = local.bucket_arn
    environment             = var.environment
    agent_jar_key           = aws_s3_object.agent_jar.key
  })
  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "patch_agent" {
  count      = var.instance_role_name == "" ? 0 : 1
  role       = var.instance_role_name
  policy_arn = aws_iam_policy.patch_agent.arn
}

# --- Operator: patchctl campaign -------------------------------------------------------------------
# For the people or pipelines that run `patchctl campaign`: start this environment's patch document on
# its hosts (output to the log bucket), follow the command, read the RunReports the hosts stored.
# Attach it to the operator's role or group; nothing here is attached automatically.
resource "aws_iam_policy" "patch_operator" {
  name        = "${var.environment}-patchctl-operator"
  description = "patchctl campaign (${var.environment}): SendCommand of the patch document, follow it, read RunReports."
  policy = templatefile("${path.module}/templates/operator-policy.json.tftpl", {
    document_arn = "arn:${local.partition}:ssm:${var.region}:${local.account_id}:document/${module.patch_manager.document_name}"
    bucket_arn   = local.bucket_arn
    environment  = var.environment
    partition    = local.partition
    region       = var.region
    account_id   = local.account_id
  })
  tags = var.tags
}
