package io.patchctl.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateControlTest {

    @Test
    void parse_absoluteValues_areTakenAsGiven() {
        assertThat(RateControl.parse("4", "2", 8)).isEqualTo(new RateControl(4, 2));
    }

    @Test
    void parse_percentages_resolveAgainstTargetsLikeSsm() {
        // SSM: 10% max-errors of 50 targets allows 5 errors; concurrency rounds up so at least one host runs
        assertThat(RateControl.parse("10%", "10%", 50)).isEqualTo(new RateControl(5, 5));
        assertThat(RateControl.parse("1%", "1%", 8)).isEqualTo(new RateControl(1, 0));
        assertThat(RateControl.parse("100%", "100%", 8)).isEqualTo(new RateControl(8, 8));
    }

    @Test
    void parse_garbage_isRejectedNamingTheOption() {
        assertThatThrownBy(() -> RateControl.parse("four", "0", 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--concurrency must be a whole number or a percentage like 25%, was 'four'");
        assertThatThrownBy(() -> RateControl.parse("2", "-1", 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--max-errors must be a whole number or a percentage like 25%, was '-1'");
        assertThatThrownBy(() -> RateControl.parse("0", "1", 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--concurrency must be at least 1, was '0'");
        assertThatThrownBy(() -> RateControl.parse("2", "150%", 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--max-errors percentage must be between 0% and 100%, was '150%'");
    }
}
