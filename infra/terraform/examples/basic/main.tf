# A complete deployment for one environment. Build the jars first, from the repository root:
#   ./mvnw -B package -DskipTests
# then here: terraform init && terraform plan && terraform apply

provider "aws" {
  region = var.region
}

module "patchctl" {
  source = "../.."

  region      = var.region
  environment = var.environment

  agent_jar_path    = "${path.module}/../../../../patchctl-agent/target/patchctl-agent.jar"
  insights_jar_path = "${path.module}/../../../../patchctl-lambda/target/patchctl-insights.jar"

  instance_role_name = var.instance_role_name
  escalation_email   = var.escalation_email

  tags = {
    Project     = "patchctl"
    Environment = var.environment
  }
}
