package io.patchctl.core.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from rpm's own test suite (tests/rpmvercmp.at) and the EVRs patchctl meets. */
class RpmVersionTest {

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource({
        "1.0, 1.0, 0", "1.0, 2.0, -1", "2.0, 1.0, 1", "2.0.1, 2.0.1, 0", "2.0, 2.0.1, -1", "2.0.1a, 2.0.1a, 0",
        "2.0.1a, 2.0.1, 1", "5.5p1, 5.5p1, 0", "5.5p1, 5.5p2, -1", "5.5p10, 5.5p1, 1", "10xyz, 10.1xyz, -1",
        "xyz10, xyz10, 0", "xyz10, xyz10.1, -1", "xyz.4, xyz.4, 0", "xyz.4, 8, -1", "8, xyz.4, 1", "xyz.4, 2, -1",
        "5.5p2, 5.6p1, -1", "5.6p1, 6.5p1, -1", "6.0.rc1, 6.0, 1", "10b2, 10a1, 1", "10a2, 10b2, -1",
        "1.0aa, 1.0a, 1", "10.0001, 10.1, 0", "10.0001, 10.0039, -1", "4.999.9, 5.0, -1", "20101121, 20101122, -1",
        "2_0, 2_0, 0", "2.0, 2_0, 0", "a, a, 0", "a+, a_, 0", "+, _, 0", "1.0~rc1, 1.0~rc1, 0", "1.0~rc1, 1.0, -1",
        "1.0, 1.0~rc1, 1", "1.0~rc1, 1.0~rc2, -1", "1.0~rc1~git123, 1.0~rc1, -1", "1.0^, 1.0, 1", "1.0^git1, 1.0, 1",
        "1.0^git1, 1.01, -1", "1.0^20160101, 1.0.1, -1", "1.0~rc1^git1, 1.0~rc1, 1", "1.0^git1~pre, 1.0^git1, -1",
    })
    void vercmp_matchesRpm(String a, String b, int expected) {
        assertThat(RpmVersion.vercmp(a.strip(), b.strip())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource({
        "1:1.1.1k-12.el8, 1:1.1.1k-9.el8, 1", "1.1.1k-12.el8, 1:1.1.1k-9.el8, -1", "0:7.61.1-34.el8, 7.61.1-34.el8, 0",
        "7.76.1-31.el9, 7.76.1-29.el9, 1", "6.1.115-126.197.amzn2023, 6.1.112-122.189.amzn2023, 1",
        "1.0-2.el8, 1.0-2.el8_9, -1", "1.0é-1, 1.0-1, 0",
    })
    void compareEvr_epochThenVersionThenRelease(String a, String b, int expected) {
        assertThat(Integer.signum(RpmVersion.compareEvr(a.strip(), b.strip()))).isEqualTo(expected);
    }
}
