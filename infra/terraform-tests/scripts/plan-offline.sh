#!/usr/bin/env bash
# Runs a real `terraform plan` of infra/terraform/examples/basic without AWS or the internet, then
# checks what Terraform itself rendered (the JUnit tests cannot evaluate HCL functions):
# the event pattern, the Bedrock ARNs in both policies, the document's script and the names.
#
# Needs: terraform >= 1.6, python3, and the AWS provider in a local mirror directory
# (TF_PLUGIN_DIR, default /opt/tf-plugins, laid out as registry.terraform.io/hashicorp/aws/<v>/<os_arch>/).
# STS GetCallerIdentity is answered by a stub on 127.0.0.1; nothing else is called by a plan.
# Usage: infra/terraform-tests/scripts/plan-offline.sh [extra -var arguments]
# PLAN_JSON_OUT=FILE also keeps `terraform show -json` of the plan there (IamSimulationTest reads the
# policies from it).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../../.." && pwd)"
PLUGIN_DIR="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
command -v terraform >/dev/null || { echo "plan-offline: terraform >= 1.6 not found on PATH (https://developer.hashicorp.com/terraform/install)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "plan-offline: python3 not found on PATH" >&2; exit 1; }
[ -d "$PLUGIN_DIR" ] || { echo "plan-offline: no AWS provider mirror at $PLUGIN_DIR (set TF_PLUGIN_DIR; fill it with: terraform providers mirror DIR, run in infra/terraform/examples/basic on a machine with registry access)" >&2; exit 1; }

WORK="$(mktemp -d)"
STUB_PID=""
cleanup() { [ -n "$STUB_PID" ] && kill "$STUB_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# A copy, so no .terraform directory or state lands in the repository.
mkdir -p "$WORK/repo/infra" "$WORK/repo/patchctl-agent/target" "$WORK/repo/patchctl-lambda/target"
cp -r "$REPO/infra/terraform" "$WORK/repo/infra/"
for jar in patchctl-agent/target/patchctl-agent.jar patchctl-lambda/target/patchctl-insights.jar; do
  if [ -f "$REPO/$jar" ]; then cp "$REPO/$jar" "$WORK/repo/$jar"; else printf 'stand-in for %s\n' "$jar" > "$WORK/repo/$jar"; fi
done

# The real jars, when built: the Lambda zip limit and the handler class inside the shaded jar.
python3 - "$WORK/repo" <<'PY'
import os, sys, zipfile
repo = sys.argv[1]
lam = f"{repo}/patchctl-lambda/target/patchctl-insights.jar"
agent = f"{repo}/patchctl-agent/target/patchctl-agent.jar"
if zipfile.is_zipfile(lam):
    size = os.path.getsize(lam)
    names = set(zipfile.ZipFile(lam).namelist())
    ok = size < 50 * 1024 * 1024 and "io/patchctl/lambda/InsightsHandler.class" in names
    print(("ok   " if ok else "FAIL ") + f"insights jar {size / 1e6:.1f} MB (< 50 MB direct upload), InsightsHandler.class inside")
    if not ok: sys.exit(1)
else:
    print("note insights jar not built: planning with a stand-in file")
if zipfile.is_zipfile(agent):
    print(f"info agent jar {os.path.getsize(agent) / 1e6:.1f} MB")
PY

# STS stand-in: GetCallerIdentity for account 123456789012.
cat > "$WORK/sts.py" <<'PY'
import http.server, sys
BODY = (b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
        b'<Arn>arn:aws:iam::123456789012:user/plan-offline</Arn><UserId>AIDAPLANOFFLINE</UserId>'
        b'<Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>0</RequestId>'
        b'</ResponseMetadata></GetCallerIdentityResponse>')
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        self.send_response(200); self.send_header('Content-Type', 'text/xml'); self.send_header('Content-Length', str(len(BODY)))
        self.end_headers(); self.wfile.write(BODY)
    def log_message(self, *a): pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
open(sys.argv[1], 'w').write(str(s.server_address[1]))
s.serve_forever()
PY
python3 "$WORK/sts.py" "$WORK/port" & STUB_PID=$!
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT="$(cat "$WORK/port")"

EXAMPLE="$WORK/repo/infra/terraform/examples/basic"
cat > "$EXAMPLE/offline_override.tf" <<EOF2
provider "aws" {
  access_key                  = "plan-offline"
  secret_key                  = "plan-offline"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  endpoints {
    sts = "http://127.0.0.1:$PORT"
  }
}
EOF2

cd "$EXAMPLE"
export TF_IN_AUTOMATION=1 TF_CLI_CONFIG_FILE=/dev/null
terraform init -backend=false -input=false -plugin-dir="$PLUGIN_DIR" >/dev/null
terraform validate -no-color
start=$(date +%s.%N)
terraform plan -input=false -no-color -lock=false -out="$WORK/plan" "$@" >"$WORK/plan.txt"
end=$(date +%s.%N)
terraform show -json "$WORK/plan" >"$WORK/plan.json"
if [ -n "${PLAN_JSON_OUT:-}" ]; then cp "$WORK/plan.json" "$PLAN_JSON_OUT"; fi
grep -E '^Plan:' "$WORK/plan.txt"
echo "plan time: $(python3 -c "print(round($end - $start, 2))") s"

python3 - "$WORK/plan.json" <<'PY'
import json, sys, re
plan = json.load(open(sys.argv[1]))
res = {r["address"]: r["change"]["after"] for r in plan["resource_changes"]}
def one(suffix):
    hits = [v for k, v in res.items() if k.endswith(suffix)]
    assert len(hits) == 1, f"{suffix}: {len(hits)} resources"
    return hits[0]
PROFILE = "arn:aws:bedrock:us-east-2:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6"
expected_arns = {PROFILE, "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-6"}
failures = []
def check(cond, msg):
    print(("ok   " if cond else "FAIL ") + msg)
    if not cond: failures.append(msg)
# Every policy is known at plan time (ARNs built from names): the IAM simulation evaluates these.
for address in ("aws_iam_policy.patch_agent", "aws_iam_role_policy.lambda_bedrock_s3", "aws_iam_role_policy.ssm_bedrock_role"):
    check(isinstance(one(address).get("policy"), str), f"{address}: policy rendered at plan time")
for address in ("aws_iam_policy.patch_agent", "aws_iam_role_policy.lambda_bedrock_s3"):
    policy = json.loads(one(address)["policy"])
    bedrock = [s for s in policy["Statement"] if "bedrock:InvokeModel" in s["Action"]]
    arns = {r for s in bedrock for r in s["Resource"]}
    check(arns == expected_arns, f"{address}: Bedrock resources are the profile and the foundation model in any region")
    fm = [s for s in bedrock if any(":foundation-model/" in r for r in s["Resource"])]
    check(len(fm) == 1 and fm[0].get("Condition") == {"StringEquals": {"bedrock:InferenceProfileArn": PROFILE}},
          f"{address}: the foundation model only through the profile (bedrock:InferenceProfileArn)")
    check(all("*" not in a for s in policy["Statement"] for a in s["Action"]), f"{address}: no wildcard action")
lifecycle = one("aws_s3_bucket_lifecycle_configuration.patch_logs")["rule"]
prefixes = [f["prefix"] for r in lifecycle for f in r["filter"]]
check(len(prefixes) == len(lifecycle) and all(prefixes), "lifecycle: every rule has a prefix filter: " + ", ".join(prefixes))
expiring = [f["prefix"] for r in lifecycle if r["expiration"] for f in r["filter"]]
check(not any("bedrock-patch-artifacts/".startswith(p) for p in expiring), "lifecycle: no expiration covers bedrock-patch-artifacts/")
check(one("aws_cloudwatch_event_rule.patch_failure")["name"] == "dev-patch-failure-rule", "rule name dev-patch-failure-rule")
doc = one("aws_ssm_document.patch")
content = json.loads(doc["content"])
script = content["mainSteps"][1]["inputs"]["runCommand"][0]
check(doc["name"] == "dev-bedrock-rhel8-patch", "document name")
params = content["parameters"]
cves_re, adv_re = re.compile(params["cves"]["allowedPattern"]), re.compile(params["advisories"]["allowedPattern"])
check(params["cves"]["default"] == "" and params["advisories"]["default"] == "", "campaign parameters default to empty (no campaign)")
check(all(cves_re.fullmatch(v) for v in ["", "CVE-2026-0001", "CVE-2026-0001,CVE-2026-123456"])
      and not any(cves_re.fullmatch(v) for v in ["CVE-2026-1", "CVE-2026-0001';reboot;'", "CVE-2026-0001 CVE-2026-0002"]),
      "cves allowedPattern as Terraform rendered it: id lists only")
check(all(adv_re.fullmatch(v) for v in ["RHSA-2026:1234,ELSA-2024-12345", "ALAS2023-2024-123", "FEDORA-2024-0123456789"])
      and not any(adv_re.fullmatch(v) for v in ["RHSA-2026:1234'; sh; '", "rhsa-2026:1234", "RHSA-2026-1234"]),
      "advisories allowedPattern as Terraform rendered it: id lists only")
check("<<< '{{ cves }}'" in script and '"${CAMPAIGN_ARGS[@]}"' in script, "script: campaign ids split into an array, passed quoted")
check("--report-bucket 'dev-rhel8-patch-logs-123456789012'" in script, "script: bucket from the account id")
check('exec "$JAVA"' in script and "EXPECTED_SHA256='" in script, "script: checksum-pinned java -jar")
dest = content["mainSteps"][0]["inputs"]["destinationPath"]
check(dest == "/var/lib/patchctl/agent/", "download destinationPath ends in / (the SSM Agent keeps the object's name): " + dest)
src = json.loads(content["mainSteps"][0]["inputs"]["sourceInfo"])["path"]
check(src.startswith("https://dev-rhel8-patch-logs-123456789012.s3.us-east-2.amazonaws.com/bedrock-patch-artifacts/dev/patchctl-"), "download path: " + src)
win = one("aws_ssm_maintenance_window.patch")
check((win["schedule"], win["schedule_timezone"], win["name"]) == ("cron(0 2 ? * SAT *)", "UTC", "dev-bedrock-patch-window"), "window schedule/name")
tgt = one("aws_ssm_maintenance_window_target.patch_group")
check(tgt["targets"] == [{"key": "tag:PatchGroup", "values": ["rhel8-dev"]}], "target tag PatchGroup=rhel8-dev")
task = one("aws_ssm_maintenance_window_task.patch")
rc = task["task_invocation_parameters"][0]["run_command_parameters"][0]
check(rc["output_s3_key_prefix"] == "bedrock-patch/dev", "output prefix bedrock-patch/dev")
check(task["task_arn"] == "dev-bedrock-rhel8-patch", "window task runs the document by name")
queue = one("aws_sqs_queue.patch_failure")
check(queue["visibility_timeout_seconds"] == 6 * fn_timeout if (fn_timeout := one("aws_lambda_function.patch_insights")["timeout"]) else False,
      f"queue visibility {queue['visibility_timeout_seconds']} s = 6 x function timeout {fn_timeout} s")
fn = one("aws_lambda_function.patch_insights")
check((fn["runtime"], fn["handler"], fn["snap_start"][0]["apply_on"]) == ("java21", "io.patchctl.lambda.InsightsHandler::handleRequest", "PublishedVersions"), "lambda runtime/handler/SnapStart")
esm = one("aws_lambda_event_source_mapping.patch_failure_queue")
check(esm["scaling_config"][0]["maximum_concurrency"] == 5 and esm["function_response_types"] == ["ReportBatchItemFailures"], "ESM concurrency 5 + partial batch")
print(f"{len(res)} resources planned")
sys.exit(1 if failures else 0)
PY

# terraform console in the root module: the locals the JUnit tests cannot evaluate, and
# Terraform's own rendering of every template, compared with plain ${name} substitution (the
# semantics of the tests' TemplateRenderer).
ROOT="$WORK/repo/infra/terraform"
cat > "$ROOT/offline_override.tf" <<EOF2
provider "aws" {
  region                      = "us-east-2"
  access_key                  = "plan-offline"
  secret_key                  = "plan-offline"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  endpoints {
    sts = "http://127.0.0.1:$PORT"
  }
}
EOF2
cd "$ROOT"
terraform init -backend=false -input=false -plugin-dir="$PLUGIN_DIR" >/dev/null
VARS=(-var environment=dev -var "agent_jar_path=$WORK/repo/patchctl-agent/target/patchctl-agent.jar"
      -var "insights_jar_path=$WORK/repo/patchctl-lambda/target/patchctl-insights.jar")
console() { echo "$1" | terraform console -plan "${VARS[@]}" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read()))'; }
VALUES='{compliance_type = "Custom:RHEL8SecurityPatching", document_name = "dev-bedrock-rhel8-patch", document_arn = "arn:aws:ssm:us-east-2:123456789012:document/dev-bedrock-rhel8-patch", test_event_source = "custom.patch-manager"}'
console "jsonencode(templatefile(\"templates/failure-event-pattern.json.tftpl\", $VALUES))" >"$WORK/pattern.rendered"
for topic in "" "arn:aws:sns:us-east-2:123456789012:dev-patch-escalations"; do
  console "jsonencode(templatefile(\"templates/lambda-policy.json.tftpl\", {bedrock_statements_json = local.bedrock_statements_json, bucket_arn = \"arn:aws:s3:::b\", environment = \"dev\", queue_arn = \"arn:aws:sqs:us-east-2:123456789012:q\", topic_arn = \"$topic\"}))" >"$WORK/lambda${topic:+-topic}.rendered"
done
python3 - "$WORK" <<'PY'
import json, sys, re, os
work = sys.argv[1]
ok = True
pattern = json.loads(json.loads(open(f"{work}/pattern.rendered").read()))
ok2 = len(pattern["$or"]) == 3 and pattern["$or"][1]["detail"]["document-name"] == [
    "dev-bedrock-rhel8-patch", "arn:aws:ssm:us-east-2:123456789012:document/dev-bedrock-rhel8-patch"]
print(("ok   " if ok2 else "FAIL ") + "event pattern rendered by Terraform: valid JSON, 3 branches, document by name or ARN")
ok3 = True
for name in ("lambda", "lambda-topic"):
    policy = json.loads(json.loads(open(f"{work}/{name}.rendered").read()))
    sns = [s for s in policy["Statement"] if "sns:Publish" in s["Action"]]
    good = (len(sns) == 1) == name.endswith("topic")
    ok3 = ok3 and good
    print(("ok   " if good else "FAIL ") + f"{name}: Terraform renders valid JSON, SNS statement only with a topic")
# Terraform's rendering must equal plain substitution: the semantics of the tests' TemplateRenderer.
def render(template, values):
    def cond(m):
        keep = (values[m.group(1)] == "") == (m.group(2) == "==")
        return m.group(3) if keep else ""
    text = re.sub(r'%\{~?\s*if\s+([a-z_][a-z0-9_]*)\s*(==|!=)\s*""\s*~?}(.*?)%\{~?\s*endif\s*~?}', cond, template, flags=re.S)
    text = re.sub(r'(?<!\$)\$\{([a-z_][a-z0-9_]*)}', lambda m: values[m.group(1)], text)
    return text.replace("$${", "${").replace("%%{", "%{")
root = os.getcwd()
tpl = open(f"{root}/templates/failure-event-pattern.json.tftpl").read()
mine = render(tpl, {"compliance_type": "Custom:RHEL8SecurityPatching", "document_name": "dev-bedrock-rhel8-patch",
                    "document_arn": "arn:aws:ssm:us-east-2:123456789012:document/dev-bedrock-rhel8-patch",
                    "test_event_source": "custom.patch-manager"})
ok4 = mine == json.loads(open(f"{work}/pattern.rendered").read())
print(("ok   " if ok4 else "FAIL ") + "event pattern: Terraform's templatefile == the tests' renderer, byte for byte")
sys.exit(0 if ok and ok2 and ok3 and ok4 else 1)
PY

# A region that is not the provider's must be refused at plan time (the precondition can fail).
if terraform plan -input=false -no-color -lock=false "${VARS[@]}" -var region=us-west-2 >"$WORK/mismatch.txt" 2>&1; then
  echo "FAIL plan with var.region != provider region succeeded"; exit 1
elif grep -q "var.region must equal the AWS provider's region" "$WORK/mismatch.txt"; then
  echo "ok   plan with var.region us-west-2 under a us-east-2 provider is refused by the precondition"
else
  echo "FAIL region mismatch plan failed for another reason:"; tail -20 "$WORK/mismatch.txt"; exit 1
fi

# The failure path's arithmetic is refused at plan time when a batch cannot fit the function timeout.
if terraform plan -input=false -no-color -lock=false "${VARS[@]}" -var lambda_timeout_seconds=120 -var insights_batch_size=5 >"$WORK/batch.txt" 2>&1; then
  echo "FAIL plan with 5 messages x 55 s in a 120 s timeout succeeded"; exit 1
elif grep -q "lambda_timeout_seconds must be at least insights_batch_size x 55 s" "$WORK/batch.txt"; then
  echo "ok   plan with insights_batch_size 5 and lambda_timeout_seconds 120 is refused (needs 285 s)"
else
  echo "FAIL batch arithmetic plan failed for another reason:"; tail -20 "$WORK/batch.txt"; exit 1
fi

# The SSM API's MaxErrors pattern: a value a looser regex accepted is refused before apply (the
# other values are checked against the API's pattern in SsmApiPatternsTest, without a plan each).
for bad in 05; do
  if terraform plan -input=false -no-color -lock=false "${VARS[@]}" -var "patch_max_errors=$bad" >"$WORK/maxerr.txt" 2>&1; then
    echo "FAIL patch_max_errors=$bad accepted"; exit 1
  elif grep -q "patch_max_errors must be 0, a number without leading zeros" "$WORK/maxerr.txt"; then
    echo "ok   patch_max_errors=$bad refused by the API's pattern"
  else
    echo "FAIL patch_max_errors=$bad failed for another reason:"; tail -20 "$WORK/maxerr.txt"; exit 1
  fi
done
