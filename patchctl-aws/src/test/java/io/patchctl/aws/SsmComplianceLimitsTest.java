package io.patchctl.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.compliance.ComplianceItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SSM API model's PutComplianceItems limits (see SsmComplianceLimits for the source). */
class SsmComplianceLimitsTest {

    @Test
    void fit_cutsTitleKeysAndValues_toTheApisLengths() {
        ComplianceItem item = new ComplianceItem("RHSA-1", "t".repeat(1001), "HIGH", "NON_COMPLIANT",
                Map.of("k".repeat(70), "v".repeat(5000)));

        ComplianceItem fitted = SsmComplianceLimits.fit(List.of(item)).get(0);

        assertThat(fitted.title()).hasSize(500).endsWith("…");
        assertThat(fitted.details().entrySet()).singleElement().satisfies(e -> {
            assertThat(e.getKey()).hasSize(64);
            assertThat(e.getValue()).hasSize(4096);
        });
    }

    @Test
    void fit_moreThan10000Items_keepsTheNonCompliantOnes() {
        List<ComplianceItem> items = new ArrayList<>();
        for (int i = 0; i < 10_005; i++) {
            items.add(new ComplianceItem("A-" + i, "t", "LOW", i < 10 ? "NON_COMPLIANT" : "COMPLIANT", Map.of()));
        }
        items.add(new ComplianceItem("LAST", "t", "LOW", "NON_COMPLIANT", Map.of()));

        List<ComplianceItem> fitted = SsmComplianceLimits.fit(items);

        assertThat(fitted).hasSize(10_000);
        assertThat(fitted.stream().filter(i -> i.status().equals("NON_COMPLIANT"))).hasSize(11);
    }

    @Test
    void fit_severityOutsideTheEnum_isABug() {
        assertThatThrownBy(() -> SsmComplianceLimits.fit(List.of(new ComplianceItem("A", "t", "IMPORTANT", "COMPLIANT", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("severity 'IMPORTANT'");
    }

    @Test
    void complianceType_followsTheApisPattern() {
        assertThat(SsmComplianceLimits.complianceType("Custom:RHEL8SecurityPatching")).isEqualTo("Custom:RHEL8SecurityPatching");
        for (String bad : List.of("Custom:A", "Custom:A-B", "Patch", "custom:ab", "Custom:" + "x".repeat(94))) {
            assertThatThrownBy(() -> SsmComplianceLimits.complianceType(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void cut_neverSplitsACharacter() {
        assertThat(SsmComplianceLimits.cut("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
    }
}
