# Offline checks of the rollout rings (issue 14 §3): `terraform test` with a mocked AWS provider.
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
  environment       = "prod"
  region            = "us-east-2"
  agent_jar_path    = "tests/fixtures/stand-in.jar"
  insights_jar_path = "tests/fixtures/stand-in.jar"
  rings = [
    { env = "dev", window_offset_days = 0 },
    { env = "staging", window_offset_days = 2 },
    { env = "prod", window_offset_days = 4 },
  ]
}

run "no_rings_no_offset_no_ring_arguments" {
  command = plan

  variables {
    environment = "dev"
    rings       = []
  }

  assert {
    condition     = output.ring.ring == "" && output.ring.approval_from == "" && output.ring.window_offset_days == 0
    error_message = "without rings the environment has no ring"
  }
  assert {
    condition     = !strcontains(jsondecode(module.patch_manager.document_content).mainSteps[1].inputs.runCommand[0], "--ring")
    error_message = "without rings the agent must not get --ring"
  }
}

run "prod_is_promoted_from_staging_and_runs_four_days_later" {
  command = plan

  assert {
    condition     = output.ring.ring == "prod" && output.ring.approval_from == "staging"
    error_message = "prod's ring must be prod, promoted from staging"
  }
  assert {
    condition     = module.patch_manager.maintenance_window_schedule_offset == 4
    error_message = "prod's window must run window_offset_days = 4 after the cron date"
  }
  assert {
    condition     = strcontains(jsondecode(module.patch_manager.document_content).mainSteps[1].inputs.runCommand[0], "--ring 'prod' \\\n  --approval-from 'staging'")
    error_message = "prod's agents must run with --ring prod --approval-from staging"
  }
}

run "first_ring_records_but_is_not_gated" {
  command = plan

  variables {
    environment = "dev"
  }

  assert {
    condition     = output.ring.ring == "dev" && output.ring.approval_from == ""
    error_message = "the first ring has no --approval-from"
  }
  assert {
    condition     = module.patch_manager.maintenance_window_schedule_offset == null
    error_message = "offset 0 must leave the window's schedule_offset unset (SSM allows only 1-6)"
  }
  assert {
    condition     = !strcontains(jsondecode(module.patch_manager.document_content).mainSteps[1].inputs.runCommand[0], "--approval-from")
    error_message = "dev's agents must not be gated"
  }
}

run "environment_missing_from_rings_is_refused" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [output.ring]
}

run "duplicate_ring_is_refused" {
  command = plan

  variables {
    rings = [{ env = "dev", window_offset_days = 0 }, { env = "dev", window_offset_days = 1 }, { env = "prod", window_offset_days = 2 }]
  }

  expect_failures = [var.rings]
}

run "offsets_must_increase_and_stay_within_six_days" {
  command = plan

  variables {
    rings = [{ env = "dev", window_offset_days = 0 }, { env = "staging", window_offset_days = 7 }, { env = "prod", window_offset_days = 3 }]
  }

  expect_failures = [var.rings]
}
