terraform {
  # 1.6+: validated with 1.11.4 (preconditions, templatefile, can()/regex() validations).
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.40+: Lambda SnapStart on java21, SQS event source scaling_config, maintenance-window
      # schedule_timezone. Below 6.0: validated with 5.100.0 (infra/terraform-tests/scripts/plan-offline.sh);
      # 6.x renames data.aws_region.name and was not validated here.
      version = ">= 5.40.0, < 6.0.0"
    }
  }
}
