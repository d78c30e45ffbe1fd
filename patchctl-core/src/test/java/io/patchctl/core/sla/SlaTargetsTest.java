package io.patchctl.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.advisory.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaTargetsTest {

    @Test
    void defaults_areCritical15Important30Moderate90Low180_unratedAsModerate() {
        SlaTargets t = SlaTargets.defaults();
        assertThat(t.days(Severity.CRITICAL)).isEqualTo(15);
        assertThat(t.days(Severity.IMPORTANT)).isEqualTo(30);
        assertThat(t.days(Severity.MODERATE)).isEqualTo(90);
        assertThat(t.days(Severity.LOW)).isEqualTo(180);
        assertThat(t.days(Severity.UNKNOWN)).isEqualTo(90);
    }

    @Test
    void spec_overridesOnlyTheNamedSeverities_caseAndSpacesTolerated() {
        SlaTargets t = SlaTargets.defaults().with(" Critical=7, low = 365");
        assertThat(t.days(Severity.CRITICAL)).isEqualTo(7);
        assertThat(t.days(Severity.IMPORTANT)).isEqualTo(30);
        assertThat(t.days(Severity.LOW)).isEqualTo(365);
        assertThat(t.toString()).isEqualTo("critical=7,important=30,moderate=90,low=365");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "critical=0|SLA for critical is 0 days: expected 1..3650",
        "important=-3|SLA for important is -3 days: expected 1..3650",
        "low=3651|SLA for low is 3651 days: expected 1..3650",
        "urgent=5|unknown severity 'urgent' for an SLA (expected critical, important, moderate or low)",
        "unknown=5|unknown severity 'unknown' for an SLA",
        "critical=15d|'15d' is not a whole number of days",
        "critical|SLA 'critical' is not SEVERITY=DAYS",
        "critical=15,,low=3|SLA '' is not SEVERITY=DAYS"})
    void spec_outOfRangeOrUnknown_isRefusedNamingIt(String spec, String message) {
        assertThatThrownBy(() -> SlaTargets.defaults().with(spec))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
