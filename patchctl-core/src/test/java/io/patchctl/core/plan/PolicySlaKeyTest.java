package io.patchctl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.sla.SlaTargets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The policy file's {@code sla:} key (issue 15 §4). */
class PolicySlaKeyTest {

    @Test
    void sla_setsTheNamedSeverities_othersKeepTheirDefaults() {
        PatchPolicy policy = PolicyLoader.parse("sla:\n  critical: 7\n  Low: 365\n");

        assertThat(policy.sla().days(Severity.CRITICAL)).isEqualTo(7);
        assertThat(policy.sla().days(Severity.IMPORTANT)).isEqualTo(30);
        assertThat(policy.sla().days(Severity.LOW)).isEqualTo(365);
    }

    @Test
    void noSlaKey_meansTheDefaults_andToBuilderKeepsIt() {
        assertThat(PolicyLoader.parse("max_packages: 3\n").sla()).isEqualTo(SlaTargets.defaults());
        PatchPolicy custom = PolicyLoader.parse("sla: {critical: 5}\n");
        assertThat(custom.toBuilder().maxPackages(2).build().sla()).isEqualTo(custom.sla());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sla: 15|sla must be a mapping of severity to days (e.g. critical: 15), found number 15",
        "sla: {critical: 0}|sla: SLA for critical is 0 days: expected 1..3650",
        "sla: {low: 4000}|sla: SLA for low is 4000 days: expected 1..3650",
        "sla: {urgent: 3}|sla: unknown severity 'urgent' for an SLA (expected critical, important, moderate or low)",
        "sla: {critical: fifteen}|sla.critical must be a whole number of days, found string \"fifteen\"",
        "sla: {critical: 1.5}|sla.critical must be a whole number of days, found number 1.5"})
    void sla_badValue_isAPolicyErrorNamingIt(String yaml, String message) {
        assertThatThrownBy(() -> PolicyLoader.parse(yaml + "\n"))
                .isInstanceOf(PolicyException.class).hasMessage(message);
    }
}
