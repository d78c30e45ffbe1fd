package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classifier on dnf/rpm output pasted from real hosts (dnf-errors/real/, each fixture's source in
 * its SOURCES file), plain and behind the subscription-manager banner that RHUI, Satellite and
 * unregistered hosts print before anything else.
 */
class RealHostDiagnosisTest {

    /** The banner as RHEL's dnf prints it (red-hat-data-services/notebooks#1555). */
    static final String BANNER = """
            Updating Subscription Management repositories.
            Unable to read consumer identity

            This system is not registered with an entitlement server. You can use subscription-manager to register.

            """;

    /** Other noise real hosts print on every run. */
    static final String NOISE = """
            /usr/lib/python3.6/site-packages/requests/__init__.py:91: RequestsDependencyWarning: urllib3 (1.26.5) or chardet (3.0.4) doesn't match a supported version!
            Last metadata expiration check: 0:03:31 ago on Tue 18 Jan 2022 09:11:50 AM EST.
            """;

    record Fixture(String file, ErrorClass expected) {
    }

    static List<Fixture> fixtures() {
        List<Fixture> all = new ArrayList<>();
        for (String line : resource("real/SOURCES").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|");
            all.add(new Fixture(f[0].strip(), ErrorClass.valueOf(f[1].strip())));
        }
        return all;
    }

    static Stream<Arguments> cases() {
        return fixtures().stream().map(f -> Arguments.of(f.file(), f.expected()));
    }

    static String resource(String name) {
        try (InputStream in = RealHostDiagnosisTest.class.getResourceAsStream("/dnf-errors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource dnf-errors/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sources_listsEveryFixtureOfTheDirectory() {
        assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(19);
        fixtures().forEach(f -> assertThat(resource("real/" + f.file())).isNotBlank());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void realText_isClassifiedByItsEvidence(String file, ErrorClass expected) {
        Classification c = DnfErrorClassifier.classify(resource("real/" + file), "Failed");

        assertThat(c.errorClass()).isEqualTo(expected);
        assertThat(resource("real/" + file)).contains(c.errorLine());
        assertThat(c.evidenceBlock()).contains(c.errorLine());
    }

    @ParameterizedTest(name = "banner + {0} -> {1}")
    @MethodSource("cases")
    void realText_behindTheBannerAndNoise_isStillClassifiedByItsEvidence(String file, ErrorClass expected) {
        Classification plain = DnfErrorClassifier.classify(resource("real/" + file), "Failed");

        Classification c = DnfErrorClassifier.classify(BANNER + NOISE + resource("real/" + file), "Failed");

        assertThat(c.errorClass()).isEqualTo(expected);
        assertThat(c.errorLine()).isEqualTo(plain.errorLine());
    }

    @Test
    void bannerAlone_isNotEvidence() {
        Classification c = DnfErrorClassifier.classify(BANNER + NOISE + "Dependencies resolved.\nNothing to do.\n", "Failed");

        assertThat(c.errorClass()).isEqualTo(ErrorClass.UNKNOWN);
        assertThat(c.errorLine()).isEmpty();
    }

    @Test
    void forbidden403_withoutTheBanner_isARepositoryProblemNotRegistration() {
        String text = resource("real/entitlement-403-rhel9.txt").replace("Updating Subscription Management repositories.\n", "");

        assertThat(DnfErrorClassifier.classify(text, "Failed").errorClass()).isEqualTo(ErrorClass.METADATA_DOWNLOAD);
    }

    @Test
    void noEnabledRepositories_withTheBanner_quotesTheRepositoryLine() {
        Classification c = DnfErrorClassifier.classify(resource("real/not-registered-ubi9.txt"), "Failed");

        assertThat(c.errorLine()).startsWith("Error: There are no enabled repositories");
    }

    @Test
    void fileConflict_keepsTheHeaderAndTheIndentedLinesThatNameTheFiles() {
        Classification c = DnfErrorClassifier.classify(BANNER + resource("real/file-conflict-el8.txt"), "Failed");

        assertThat(c.evidenceBlock()).startsWith("Error: Transaction test error:")
                .contains("conflicts with file from package libxcb-1.13.1-1.el8.x86_64")
                .contains("conflicts with file from package libidn2-2.2.0-1.el8.x86_64");
    }

    @Test
    void modularFiltering_quotesTheFilteredPackageWithItsProblemBlock() {
        Classification c = DnfErrorClassifier.classify(resource("real/dependency-modular-el8.txt"), "Failed");

        assertThat(c.errorLine()).contains("python3-distro-1.4.0-2.module_el8.5.0+751+b79b40be.noarch is filtered out by modular filtering");
        assertThat(c.evidenceBlock()).startsWith("Error:").contains("Problem: package dnf-plugins-core");
    }

    @Test
    void longBlock_isBoundedButKeepsTheQuotedLine() {
        StringBuilder text = new StringBuilder("Error: Transaction test error:\n");
        for (int i = 0; i < 500; i++) {
            text.append("  file /usr/lib/f").append(i).append(" from install of a-1-1.el9.noarch conflicts with file from package b-1-1.el9.noarch\n");
        }
        Classification c = DnfErrorClassifier.classify(text.toString(), "Failed");

        assertThat(c.errorClass()).isEqualTo(ErrorClass.FILE_CONFLICT);
        assertThat(c.evidenceBlock().lines().count()).isLessThanOrEqualTo(DnfErrorClassifier.MAX_BLOCK_LINES + 1);
        assertThat(c.evidenceBlock().length()).isLessThanOrEqualTo(DnfErrorClassifier.MAX_BLOCK_CHARS + 10);
        assertThat(c.evidenceBlock()).contains(c.errorLine()).endsWith("[...]");
    }

    @Test
    void nonFatalScriptlet_doesNotOutrankTheLockThatFailedTheRun() {
        String text = resource("real/scriptlet-post-nonfatal-el9.txt") + "Complete!\n"
                + DnfErrorClassifierTest.captured("rpm-lock.txt");

        assertThat(DnfErrorClassifier.classify(text, "Failed").errorClass()).isEqualTo(ErrorClass.RPM_LOCK);
    }

    @Test
    void nonFatalScriptlet_beforeComplete_doesNotOutrankAPlainLockMessage() {
        String text = DnfErrorClassifierTest.captured("rhel-dnf-lock.txt") + resource("real/scriptlet-post-nonfatal-wazuh.txt");

        assertThat(DnfErrorClassifier.classify(text, "Failed").errorClass()).isEqualTo(ErrorClass.RPM_LOCK);
    }

    @Test
    void fatalPreinScriptlet_beatsAnEarlierRecoveredMirrorError() {
        String text = resource("real/metadata-mirror-rocky9.txt").replaceAll("(?m)^Error: Failed.*$", "Ignoring repositories: amdgpu")
                + resource("real/scriptlet-prein-fatal-el8.txt");

        assertThat(DnfErrorClassifier.classify(text, "Failed").errorClass()).isEqualTo(ErrorClass.SCRIPTLET);
    }

    @Test
    void errorFixedByALaterSuccessfulRun_isOnlyAWarning() {
        // a mirror error, then dnf succeeded on the next mirror and finished: the real failure is the disk
        String text = resource("real/metadata-curl28-alma8.txt") + "Complete!\n" + resource("real/disk-rpm414-needs.txt");

        assertThat(DnfErrorClassifier.classify(text, "Failed").errorClass()).isEqualTo(ErrorClass.DISK_SPACE);
    }

    @Test
    void rpm414DiskWording_isDiskSpace() {
        Classification c = DnfErrorClassifier.classify(resource("real/disk-rpm414-needs.txt"), "Failed");

        assertThat(c.errorClass()).isEqualTo(ErrorClass.DISK_SPACE);
        assertThat(c.errorLine()).contains("needs 261MB on the / filesystem");
    }
}
