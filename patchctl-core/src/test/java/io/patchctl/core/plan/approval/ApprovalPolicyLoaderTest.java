package io.patchctl.core.plan.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.PolicyException;
import io.patchctl.core.plan.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** approve_after_days and exceptions through the real PolicyLoader: every bad input the issue names is a PolicyException (exit 2). */
class ApprovalPolicyLoaderTest {

    private static final String GOOD_ENTRY = "  - cve: CVE-2024-6387\n    reason: vendor build pending\n    owner: alice\n";

    @Test
    void parse_fullExample_readsWaitsAndEveryKindOfEntry() {
        PatchPolicy p = PolicyLoader.parse("""
                approve_after_days: {critical: 0, important: 3, moderate: 7, low: 14, unrated: 5}
                exceptions:
                  - package: "openssh*"
                    reason: sshd config migration
                    owner: alice@example.com
                    expires: 2026-12-15
                  - advisory: RHSA-2024:4312
                    reason: breaks the app
                    owner: bob
                  - cve: cve-2024-6387
                    reason: mitigated by firewall
                    owner: carol
                    expires: "2027-01-31"
                """);
        ApprovalPolicy a = p.approval();
        assertThat(a.daysFor(Severity.IMPORTANT)).isEqualTo(3);
        assertThat(a.daysFor(Severity.LOW)).isEqualTo(14);
        assertThat(a.daysFor(Severity.UNKNOWN)).isEqualTo(5);
        assertThat(a.exceptions()).extracting(Exemption::index, Exemption::target, Exemption::value, Exemption::expires)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, Exemption.Target.PACKAGE, "openssh*", LocalDate.of(2026, 12, 15)),
                        org.assertj.core.groups.Tuple.tuple(1, Exemption.Target.ADVISORY, "RHSA-2024:4312", null),
                        org.assertj.core.groups.Tuple.tuple(2, Exemption.Target.CVE, "CVE-2024-6387", LocalDate.of(2027, 1, 31)));
        assertThat(a.exceptions().get(1).owner()).isEqualTo("bob");
        // the rest of the policy keeps its defaults
        assertThat(p.holdGlobs()).containsExactly("kernel*");
        assertThat(p.approval().evaluatedOn()).isNull();
    }

    @Test
    void parse_severityLeftOut_waitsZeroDays() {
        ApprovalPolicy a = PolicyLoader.parse("approve_after_days: {moderate: 7}\n").approval();
        assertThat(a.daysFor(Severity.CRITICAL)).isZero();
        assertThat(a.daysFor(Severity.UNKNOWN)).isZero();
        assertThat(a.daysFor(Severity.MODERATE)).isEqualTo(7);
    }

    @Test
    void parse_missingExpires_isAllowed() {
        Exemption e = PolicyLoader.parse("exceptions:\n" + GOOD_ENTRY).approval().exceptions().get(0);
        assertThat(e.expires()).isNull();
        assertThat(e.inForceOn(LocalDate.of(2099, 1, 1))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not a mapping       | approve_after_days: 7                                    | approve_after_days must be a mapping
            unknown severity    | approve_after_days: {urgent: 1}                          | unknown severity 'urgent'
            negative            | approve_after_days: {low: -1}                            | approve_after_days.low must be a whole number of days from 0 to 360, found number -1
            fraction            | approve_after_days: {low: 1.5}                           | approve_after_days.low must be a whole number
            quoted number       | approve_after_days: {low: "7"}                           | approve_after_days.low must be a whole number of days from 0 to 360, found string
            beyond Patch Manager| approve_after_days: {low: 361}                           | from 0 to 360, found number 361
            Severity case       | approve_after_days: {Important: 3}                       | unknown severity 'Important'
            """)
    void parse_badApproveAfterDays_isPolicyExceptionNamingTheKey(String label, String yaml, String message) {
        assertThatThrownBy(() -> PolicyLoader.parse(yaml)).isInstanceOf(PolicyException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key         | expiry: 2026-12-01                         | exceptions[1]: unknown key 'expiry'
            bad date            | expires: 2026-13-01                        | exceptions[1].expires must be a date YYYY-MM-DD
            impossible day      | expires: 2026-02-30                        | exceptions[1].expires must be a date YYYY-MM-DD (leave the key out for no expiry), found string "2026-02-30"
            US date             | expires: 12/01/2026                        | exceptions[1].expires must be a date
            date and time       | expires: 2026-12-01T00:00:00Z              | exceptions[1].expires must be a date
            empty expires       | expires:                                   | exceptions[1].expires must be a date YYYY-MM-DD (leave the key out for no expiry), found null
            number expires      | expires: 20261201                          | exceptions[1].expires must be a date YYYY-MM-DD (leave the key out for no expiry), found number
            """)
    void parse_badExtraKeyOnSecondEntry_namesIndexAndKey(String label, String extraLine, String message) {
        String yaml = "exceptions:\n" + GOOD_ENTRY + "  - package: openssl*\n    reason: r\n    owner: o\n    " + extraLine + "\n";
        assertThatThrownBy(() -> PolicyLoader.parse(yaml)).isInstanceOf(PolicyException.class).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad CVE id          | cve: CVE-24-6387                | reason: r | owner: o | exceptions[0].cve must be a CVE id CVE-YYYY-NNNN (four or more digits), found 'CVE-24-6387'
            CVE too few digits  | cve: CVE-2024-638               | reason: r | owner: o | exceptions[0].cve must be a CVE id
            CVE with junk       | cve: CVE-2024-6387 extra        | reason: r | owner: o | exceptions[0].cve must be a CVE id
            missing reason      | cve: CVE-2024-6387              | owner: o  | owner: o | exceptions[0]: reason is required
            blank reason        | cve: CVE-2024-6387              | reason: '' | owner: o | exceptions[0].reason must be a non-empty string
            missing owner       | cve: CVE-2024-6387              | reason: r | reason: r | exceptions[0]: owner is required
            owner not a string  | cve: CVE-2024-6387              | reason: r | owner: [a, b] | exceptions[0].owner must be a non-empty string, found list
            bad glob            | package: 'open ssh'             | reason: r | owner: o | exceptions[0].package:
            bad advisory        | advisory: 'RHSA 2024:1'         | reason: r | owner: o | exceptions[0].advisory must be an advisory id
            two targets         | package: openssl                | cve: CVE-2024-6387 | reason: r | exceptions[0] must name exactly one of package, advisory or cve, found package and cve
            no target           | reason: r                       | owner: o  | owner: o | exceptions[0] must name exactly one of package, advisory or cve, found none
            """)
    void parse_badEntry_isPolicyExceptionNamingIndexAndKey(String label, String l1, String l2, String l3, String message) {
        StringBuilder yaml = new StringBuilder("exceptions:\n  - ").append(l1).append('\n');
        java.util.LinkedHashSet<String> rest = new java.util.LinkedHashSet<>(java.util.List.of(l2, l3)); // a repeated line is given once
        rest.forEach(l -> yaml.append("    ").append(l).append('\n'));
        assertThatThrownBy(() -> PolicyLoader.parse(yaml.toString())).isInstanceOf(PolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parse_exceptionsNotAList_orEntryNotAMapping_isPolicyException() {
        assertThatThrownBy(() -> PolicyLoader.parse("exceptions: {cve: CVE-2024-6387}\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("exceptions must be a list of entries");
        assertThatThrownBy(() -> PolicyLoader.parse("exceptions:\n" + GOOD_ENTRY + "  - CVE-2024-6387\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("exceptions[1] must be a mapping");
    }

    @Test
    void parse_keyTwiceInAnEntry_isPolicyException() {
        assertThatThrownBy(() -> PolicyLoader.parse("exceptions:\n" + GOOD_ENTRY + "    owner: mallory\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("key given twice").hasMessageContaining("owner");
    }

    @Test
    void load_badEntry_namesTheFileToo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.yaml"), "exceptions:\n  - cve: CVE-1\n    reason: r\n    owner: o\n");
        assertThatThrownBy(() -> PolicyLoader.load(file)).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy file " + file + ": exceptions[0].cve must be a CVE id");
    }
}
