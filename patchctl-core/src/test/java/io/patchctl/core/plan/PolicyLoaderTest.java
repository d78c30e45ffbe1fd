package io.patchctl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.advisory.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    @TempDir
    Path dir;

    @Test
    void load_fullPolicy_readsEveryKey() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "hold_packages: [\"kernel*\", openssh*]\nminimum_severity: Moderate\n"
                + "hold_reboot_packages: true\nmax_packages: 25\n");

        PatchPolicy policy = PolicyLoader.load(file);

        assertThat(policy).isEqualTo(new PatchPolicy(List.of("kernel*", "openssh*"), Severity.MODERATE, true, 25));
    }

    @Test
    void parse_partialPolicy_keepsDefaultsForMissingKeys() {
        PatchPolicy policy = PolicyLoader.parse("minimum_severity: important\n");

        assertThat(policy.holdGlobs()).containsExactly("kernel*");
        assertThat(policy.minimumSeverity()).isEqualTo(Severity.IMPORTANT);
        assertThat(policy.maxPackages()).isZero();
    }

    @Test
    void parse_misspelledKey_isAnErrorNamingIt() {
        assertThatThrownBy(() -> PolicyLoader.parse("hold_package: [\"openssl*\"]\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("unknown key 'hold_package'; expected one of [")
                .hasMessageContaining(" hold_packages,");
    }

    @Test
    void parse_circuitBreakerAndQuarantineHours_areRead() {
        PatchPolicy off = PolicyLoader.parse("circuit_breaker: off\nquarantine_hours: 6\n");
        PatchPolicy on = PolicyLoader.parse("circuit_breaker: \"on\"\n");

        assertThat(off.circuitBreaker()).isFalse();
        assertThat(off.quarantineTtl()).isEqualTo(java.time.Duration.ofHours(6));
        assertThat(on.circuitBreaker()).isTrue();
        assertThat(PatchPolicy.defaults().circuitBreaker()).isTrue();
        assertThat(PatchPolicy.defaults().quarantineTtl()).isEqualTo(java.time.Duration.ofHours(24));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"circuit_breaker: maybe", "circuit_breaker: 1",
            "quarantine_hours: 0", "quarantine_hours: 721", "quarantine_hours: 1.5", "quarantine_hours: \"24\""})
    void parse_badCircuitBreakerValue_isAnErrorNamingTheKey(String yaml) {
        assertThatThrownBy(() -> PolicyLoader.parse(yaml + "\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(yaml.substring(0, yaml.indexOf(':')) + " must be");
    }

    @Test
    void parse_unknownSeverity_isAnError() {
        assertThatThrownBy(() -> PolicyLoader.parse("minimum_severity: severe\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("minimum_severity must be one of critical, important, moderate, low; found string \"severe\"");
    }

    @Test
    void parse_holdPackagesNotAList_isAnError() {
        assertThatThrownBy(() -> PolicyLoader.parse("hold_packages: kernel*\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("hold_packages must be a list of package-name globs, found string \"kernel*\"");
    }

    @Test
    void parse_globWithShellCharacters_isAnError() {
        assertThatThrownBy(() -> PolicyLoader.parse("hold_packages: [\"kernel;rm\"]\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("hold_packages: not a package-name glob").hasMessageContaining("'kernel;rm'");
    }

    @Test
    void parse_negativeMaxPackages_isAnError() {
        assertThatThrownBy(() -> PolicyLoader.parse("max_packages: -3\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("max_packages must be a whole number >= 0 (0 = no limit), found number -3");
    }

    @Test
    void parse_rebootFlagAsString_isAnError() {
        assertThatThrownBy(() -> PolicyLoader.parse("hold_reboot_packages: \"yes please\"\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("hold_reboot_packages must be true or false");
    }

    @Test
    void load_brokenYaml_namesFileAndLine() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "hold_packages: [\"kernel*\"\nminimum_severity: low\n");

        assertThatThrownBy(() -> PolicyLoader.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy file " + file + ": not valid YAML")
                .hasMessageContaining("at line");
    }

    @Test
    void load_emptyFile_isAnErrorNotDefaults() throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "# nothing\n");

        assertThatThrownBy(() -> PolicyLoader.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy file " + file + ": is empty");
    }

    @Test
    void load_listAtTopLevel_isAnError() throws Exception {
        Path file = dir.resolve("list.yaml");
        Files.writeString(file, "- kernel*\n");

        assertThatThrownBy(() -> PolicyLoader.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageEndingWith("found a list");
    }

    @Test
    void load_missingFile_isAnErrorNamingIt() {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> PolicyLoader.load(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("cannot read policy file " + file);
    }

    @Test
    void parse_release_readsLockedAndLatestAndDefaultsToLocked() {
        assertThat(PolicyLoader.parse("release: latest\n").release()).isEqualTo(ReleaseTrack.LATEST);
        assertThat(PolicyLoader.parse("release: Locked\n").release()).isEqualTo(ReleaseTrack.LOCKED);
        assertThat(PolicyLoader.parse("max_packages: 3\n").release()).isEqualTo(ReleaseTrack.LOCKED);
    }

    @Test
    void parse_unknownRelease_isAnErrorNamingTheChoices() {
        assertThatThrownBy(() -> PolicyLoader.parse("release: newest\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("release must be locked or latest")
                .hasMessageContaining("newest");
    }

    @Test
    void parse_holdPackagesTwice_isAnErrorNotAnEmptyHold() {
        // the red-team case: the second, empty list used to win and kernel updates were approved
        assertThatThrownBy(() -> PolicyLoader.parse("hold_packages: [\"kernel*\"]\nminimum_severity: low\nhold_packages: []\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("key given twice")
                .hasMessageContaining("hold_packages")
                .hasMessageContaining("line 3");
    }

    @Test
    void parse_secondYamlDocument_isAnError() {
        assertThatThrownBy(() -> PolicyLoader.parse("hold_packages: [\"kernel*\"]\n---\nhold_packages: []\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("more than one YAML document");
    }

    @Test
    void parse_repair_readsReportAndFix_rejectsOthers() {
        assertThat(PolicyLoader.parse("repair: fix\n").repair()).isEqualTo(PatchPolicy.RepairMode.FIX);
        assertThat(PolicyLoader.parse("repair: report\n").repair()).isEqualTo(PatchPolicy.RepairMode.REPORT);
        assertThat(PolicyLoader.parse("max_packages: 1\n").repair()).isEqualTo(PatchPolicy.RepairMode.REPORT);
        assertThatThrownBy(() -> PolicyLoader.parse("repair: yes\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("repair must be report or fix");
    }

    @Test
    void load_notUtf8_isAPolicyError() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[]{'h', 'o', 'l', 'd', '_', 'p', 'a', 'c', 'k', 'a', 'g', 'e', 's', ':', ' ', (byte) 0xe9});
        assertThatThrownBy(() -> PolicyLoader.load(file)).isInstanceOf(PolicyException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void parse_rebootIfNeeded_withoutHoldPackages_dropsTheDefaultKernelHold() {
        PatchPolicy p = PolicyLoader.parse("reboot: if-needed\n");

        assertThat(p.reboot()).isEqualTo(PatchPolicy.RebootMode.IF_NEEDED);
        assertThat(p.holdGlobs()).isEmpty();
        assertThat(new PolicyRules(p).holdReason("kernel-core", List.of())).isEmpty();
        assertThat(PolicyLoader.parse("max_packages: 0\n").reboot()).isEqualTo(PatchPolicy.RebootMode.NEVER);
    }

    @Test
    void parse_rebootIfNeeded_withExplicitHoldPackages_keepsThemAsWritten() {
        PatchPolicy p = PolicyLoader.parse("reboot: if-needed\nhold_packages: [\"kernel*\", \"openssh*\"]\n");

        assertThat(p.holdGlobs()).containsExactly("kernel*", "openssh*");
        assertThat(new PolicyRules(p).holdReason("kernel-core", List.of())).contains("policy holds packages matching 'kernel*'");
    }

    @Test
    void parse_rebootIfNeeded_lifts_theRebootHoldOfGlibc() {
        PatchPolicy never = PatchPolicy.builder().holdGlobs(List.of()).holdRebootPackages(true).build();
        PatchPolicy ifNeeded = never.toBuilder().holdRebootPackages(false).reboot(PatchPolicy.RebootMode.IF_NEEDED).build();

        assertThat(new PolicyRules(never).holdReason("glibc", List.of())).isPresent();
        assertThat(new PolicyRules(ifNeeded).holdReason("glibc", List.of())).isEmpty();
    }

    @Test
    void parse_rebootBadValue_isAnErrorNamingTheChoices() {
        assertThatThrownBy(() -> PolicyLoader.parse("reboot: always\n"))
                .isInstanceOf(PolicyException.class).hasMessage("reboot must be never or if-needed, found string \"always\"");
        assertThatThrownBy(() -> PolicyLoader.parse("reboot: true\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("reboot must be never or if-needed, found boolean");
    }

    @Test
    void parse_rebootIfNeeded_withHoldRebootPackages_isAContradiction() {
        assertThatThrownBy(() -> PolicyLoader.parse("reboot: if-needed\nhold_reboot_packages: true\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("set one of them, not both");
    }
}
