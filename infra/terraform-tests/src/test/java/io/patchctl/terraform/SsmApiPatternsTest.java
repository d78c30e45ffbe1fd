package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Terraform's validations of values that go straight into SSM API calls accept exactly what the API
 * accepts. The API's patterns and lengths are from botocore's model of SSM
 * (boto/botocore botocore/data/ssm/2014-11-06/service-2.json at commit
 * 0e6e2404b85dc336dd2889814e089bde7d1a4c55, shapes MaxErrors, MaxConcurrency, ComplianceTypeName).
 * scripts/plan-offline.sh also has Terraform itself refuse one of these values in a real plan.
 */
class SsmApiPatternsTest {

    private static final Pattern MAX_ERRORS = Pattern.compile("^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$");
    private static final int MAX_ERRORS_MAX_LENGTH = 7;
    private static final Pattern MAX_CONCURRENCY = Pattern.compile("^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$");
    private static final int MAX_CONCURRENCY_MAX_LENGTH = 7;
    /** Unanchored in the model; the whole value must match, so we read it anchored. */
    private static final Pattern COMPLIANCE_TYPE = Pattern.compile("^Custom:[a-zA-Z0-9_\\-]\\w+$");
    private static final int COMPLIANCE_TYPE_MAX_LENGTH = 100;

    private static final List<String> COUNTS = List.of("0", "1", "5", "05", "00", "10", "100", "9999999", "10000000", "-1",
            "0%", "5%", "05%", "00%", "10%", "99%", "100%", "101%", "1000%", "10 %", "", "abc", "1.5");

    @Test
    void patchMaxErrors_acceptsExactlyWhatTheApiAccepts() {
        assertSameVerdicts("patch_max_errors", MAX_ERRORS, MAX_ERRORS_MAX_LENGTH, COUNTS);
    }

    @Test
    void patchMaxConcurrency_acceptsExactlyWhatTheApiAccepts() {
        assertSameVerdicts("patch_max_concurrency", MAX_CONCURRENCY, MAX_CONCURRENCY_MAX_LENGTH, COUNTS);
    }

    @Test
    void complianceType_acceptsExactlyWhatTheApiAccepts() {
        assertSameVerdicts("compliance_type", COMPLIANCE_TYPE, COMPLIANCE_TYPE_MAX_LENGTH, List.of(
                "Custom:RHEL8SecurityPatching", "Custom:A", "Custom:AB", "Custom:-A", "Custom:A-B", "Custom:a_b",
                "Custom:" + "x".repeat(93), "Custom:" + "x".repeat(94), "Patch", "custom:ab", "Custom:"));
    }

    @Test
    void theDefaults_areValidForTheApi() {
        assertThat(MAX_ERRORS.matcher(Hcl.defaultString(TerraformTree.root(), "patch_max_errors")).matches()).isTrue();
        assertThat(MAX_CONCURRENCY.matcher(Hcl.defaultString(TerraformTree.root(), "patch_max_concurrency")).matches()).isTrue();
        assertThat(COMPLIANCE_TYPE.matcher(Hcl.defaultString(TerraformTree.root(), "compliance_type")).matches()).isTrue();
    }

    private static void assertSameVerdicts(String variable, Pattern api, int maxLength, List<String> values) {
        Pattern terraform = terraformRegex(variable);
        for (String value : values) {
            boolean apiAccepts = api.matcher(value).matches() && value.length() <= maxLength;
            boolean terraformAccepts = terraform.matcher(value).find() && value.length() <= maxLength(variable);
            assertThat(terraformAccepts).as("%s = \"%s\": the API %s it", variable, value, apiAccepts ? "accepts" : "rejects")
                    .isEqualTo(apiAccepts);
        }
    }

    /** The regex of the variable's `can(regex("...", var.x))` validation, HCL string escapes undone. */
    private static Pattern terraformRegex(String variable) {
        Matcher m = Pattern.compile("regex\\(\"((?:[^\"\\\\]|\\\\.)*)\",\\s*var\\." + variable + "\\)").matcher(validation(variable));
        assertThat(m.find()).as("a regex validation of " + variable).isTrue();
        return Pattern.compile(m.group(1).replace("\\\\", "\\"));
    }

    /** The `length(var.x) <= N` bound of the validation; without one, no limit (and the test fails for long values). */
    private static int maxLength(String variable) {
        Matcher m = Pattern.compile("length\\(var\\." + variable + "\\)\\s*<=\\s*(\\d+)").matcher(validation(variable));
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }

    private static String validation(String variable) {
        String source = TerraformTree.read(TerraformTree.root().resolve("variables.tf"));
        int start = source.indexOf("variable \"" + variable + "\"");
        assertThat(start).as("variable " + variable).isNotNegative();
        int end = source.indexOf("\n}\n", start);
        return source.substring(start, end);
    }
}
