# Offline checks of the optional guardrail (issue 11): `terraform test` with a mocked AWS provider.
# Run: infra/terraform-tests/scripts/tftest-offline.sh
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "us-east-2", region = "us-east-2" }
  }
}

variables {
  environment       = "dev"
  region            = "us-east-2"
  agent_jar_path    = "tests/fixtures/stand-in.jar"
  insights_jar_path = "tests/fixtures/stand-in.jar"
}

run "no_guardrail_grants_nothing_and_sets_nothing" {
  command = plan

  assert {
    condition     = length(aws_iam_role_policy.lambda_guardrail) == 0
    error_message = "without bedrock_guardrail_id there must be no ApplyGuardrail statement"
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.patch_insights.environment[0].variables), "BEDROCK_GUARDRAIL_ID")
    error_message = "without a guardrail the Lambda must not get BEDROCK_GUARDRAIL_ID"
  }
}

run "guardrail_set_grants_apply_on_exactly_that_guardrail" {
  command = plan

  variables {
    bedrock_guardrail_id      = "abc123def"
    bedrock_guardrail_version = "2"
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.lambda_guardrail[0].policy).Statement[0].Action == "bedrock:ApplyGuardrail"
    error_message = "the statement must grant bedrock:ApplyGuardrail"
  }
  assert {
    condition     = jsondecode(aws_iam_role_policy.lambda_guardrail[0].policy).Statement[0].Resource == "arn:aws:bedrock:us-east-2:123456789012:guardrail/abc123def"
    error_message = "ApplyGuardrail must be scoped to the configured guardrail"
  }
  assert {
    condition     = aws_lambda_function.patch_insights.environment[0].variables["BEDROCK_GUARDRAIL_VERSION"] == "2"
    error_message = "the Lambda must get the guardrail version"
  }
}

run "guardrail_without_version_is_refused" {
  command = plan

  variables {
    bedrock_guardrail_id = "abc123def"
  }

  expect_failures = [aws_iam_role_policy.lambda_guardrail]
}

run "bad_guardrail_version_is_refused" {
  command = plan

  variables {
    bedrock_guardrail_id      = "abc123def"
    bedrock_guardrail_version = "latest"
  }

  expect_failures = [var.bedrock_guardrail_version]
}
