package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS's own authorisation rules over the policies exactly as Terraform renders them: runs
 * scripts/plan-offline.sh (a real `terraform plan` with its own checks, which is how CI runs it), then
 * evaluates every call of iam-sim/calls.json with @cloud-copilot/iam-simulate (AWS's Service
 * Authorization data: actions, resource types, condition keys). Needs terraform (with the provider
 * mirror plan-offline.sh names), node and npm: when one is missing the test fails and says which.
 */
class IamSimulationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SIM_SOURCE = TerraformTree.repositoryRoot().resolve("infra/terraform-tests/iam-sim");
    private static final Path WORK = TerraformTree.repositoryRoot().resolve("infra/terraform-tests/target/iam-sim");
    private static final Path PLAN = WORK.resolve("plan.json");

    /** How each SDK method of patchctl-aws is authorised (Service Authorization Reference). */
    private static final Map<String, String> SDK_METHOD_ACTIONS = Map.ofEntries(
            Map.entry("putObject", "s3:PutObject"),
            Map.entry("getObjectAsBytes", "s3:GetObject"),
            Map.entry("listObjectsV2Paginator", "s3:ListBucket"),
            Map.entry("deleteObject", "s3:DeleteObject"),
            Map.entry("putComplianceItems", "ssm:PutComplianceItems"),
            Map.entry("publish", "sns:Publish"),
            Map.entry("converse", "bedrock:InvokeModel"),
            Map.entry("invokeModel", "bedrock:InvokeModel"),
            Map.entry("sendCommand", "ssm:SendCommand"),
            Map.entry("listCommands", "ssm:ListCommands"),
            Map.entry("listCommandInvocations", "ssm:ListCommandInvocations"));

    @BeforeAll
    static void planAndInstall() throws Exception {
        for (String tool : List.of("terraform", "node", "npm", "python3")) {
            assertThat(onPath(tool)).as("IamSimulationTest needs `%s` on PATH (scripts/install-deps.sh installs node/npm;"
                    + " terraform: see infra/terraform-tests/scripts/plan-offline.sh)", tool).isTrue();
        }
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "simulate.mjs", "calls.json")) {
            Files.copy(SIM_SOURCE.resolve(file), WORK.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Result install = exec(WORK, Map.of(), 600, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.exitCode()).as("npm ci in %s:\n%s", WORK, install.output()).isZero();

        Result plan = exec(TerraformTree.repositoryRoot(), Map.of("PLAN_JSON_OUT", PLAN.toString()), 900,
                "bash", "infra/terraform-tests/scripts/plan-offline.sh");
        System.out.println(plan.output());
        assertThat(plan.exitCode()).as("scripts/plan-offline.sh:\n%s", plan.output()).isZero();
        assertThat(PLAN).exists();
    }

    @Test
    void everyCallWeMake_isAllowed_andEveryCallThatMustBeDenied_isDenied() throws Exception {
        Result sim = simulate(PLAN);
        System.out.println(sim.stderr());

        assertThat(sim.exitCode()).as(sim.stderr()).isZero();
        JsonNode counts = JSON.readTree(sim.stdout()).get("counts");
        for (String principal : List.of("agent", "lambda", "window", "operator")) {
            assertThat(counts.get(principal).get("allowed").asInt()).as(principal + " allowed").isPositive();
            assertThat(counts.get(principal).get("denied").asInt()).as(principal + " denied").isPositive();
            assertThat(counts.get(principal).get("unexpected").asInt()).as(principal + " not as expected").isZero();
        }
    }

    @Test
    void windowRoleWithoutTheBucket_isDeniedSendCommand_soTheSimulationCanFail() throws Exception {
        // The seed's window policy: document and instances only. AWS also authorises the output bucket.
        JsonNode plan = JSON.readTree(PLAN.toFile());
        ObjectNode policy = null;
        for (JsonNode change : plan.get("resource_changes")) {
            if (change.get("address").asText().endsWith("aws_iam_role_policy.ssm_bedrock_role")) {
                ObjectNode after = (ObjectNode) change.get("change").get("after");
                policy = (ObjectNode) JSON.readTree(after.get("policy").asText());
                for (JsonNode statement : policy.get("Statement")) {
                    if (statement.get("Resource").isArray()) {
                        ArrayNode resources = (ArrayNode) statement.get("Resource");
                        for (int i = resources.size() - 1; i >= 0; i--) {
                            if (resources.get(i).asText().startsWith("arn:aws:s3:::")) {
                                resources.remove(i);
                            }
                        }
                    }
                }
                after.put("policy", JSON.writeValueAsString(policy));
            }
        }
        assertThat(policy).as("the window role's policy in the plan").isNotNull();
        Path seedPlan = WORK.resolve("plan-seed-window-policy.json");
        JSON.writeValue(seedPlan.toFile(), plan);

        Result sim = simulate(seedPlan);

        assertThat(sim.exitCode()).isEqualTo(1);
        assertThat(sim.stderr()).containsPattern("FAIL window allow +ImplicitlyDenied +ssm:SendCommand arn:aws:s3:::dev-rhel8-patch-logs-")
                .contains("window: 6 allowed, 6 denied, 1 not as expected");
    }

    @Test
    void everySdkCallOfPatchctlAws_isNamedInTheCallsList() throws IOException {
        // When the code adds an AWS call, calls.json must grow with it (and the policies if needed).
        Set<String> found = new TreeSet<>();
        Pattern call = Pattern.compile("\\b(s3|ssm|sns|client)\\.(\\w+)\\(");
        Path main = TerraformTree.repositoryRoot().resolve("patchctl-aws/src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(file));
                String type = file.getFileName().toString().replace(".java", "");
                while (m.find()) {
                    if (!Set.of("close", "serviceClientConfiguration", "utilities").contains(m.group(2))) {
                        found.add(type + "." + m.group(2));
                    }
                }
            }
        }
        JsonNode calls = JSON.readTree(SIM_SOURCE.resolve("calls.json").toFile()).get("calls");
        Set<String> named = new TreeSet<>();
        calls.forEach(c -> {
            if (c.has("source")) {
                named.add(c.get("source").asText() + " " + c.get("action").asText());
            }
        });

        assertThat(found).as("SDK calls in patchctl-aws").isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (String sdkCall : found) {
            String action = SDK_METHOD_ACTIONS.get(sdkCall.substring(sdkCall.indexOf('.') + 1));
            if (action == null || !named.contains(sdkCall + " " + action)) {
                missing.add(sdkCall + (action == null ? " (unknown SDK method: add its IAM action to SDK_METHOD_ACTIONS)" : " -> " + action));
            }
        }
        assertThat(missing).as("SDK calls not in infra/terraform-tests/iam-sim/calls.json (field source)").isEmpty();
    }

    private static Result simulate(Path plan) throws Exception {
        return exec(WORK, Map.of(), 300, "node", "simulate.mjs", plan.toString(), "calls.json");
    }

    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static Result exec(Path dir, Map<String, String> env, long timeoutSeconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("iam-sim", ".out");
        Path err = Files.createTempFile("iam-sim", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
