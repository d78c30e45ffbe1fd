terraform {
  # 1.6: `check` blocks and the validation functions used in variables.tf.
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.40+: Lambda SnapStart on java21, SQS event source scaling_config, maintenance-window
      # schedule_timezone. Below 7.0 because a major version may rename the arguments used here.
      version = ">= 5.40.0, < 7.0.0"
    }
  }
}
