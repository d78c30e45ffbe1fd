package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The classifier on dnf/rpm output captured by src/test/resources/dnf-errors/capture.sh (real dnf
 * 4.14 and rpm 4.18 in an installroot) and on RHEL-only texts transcribed into rhel-*.txt.
 */
class DnfErrorClassifierTest {

    static String captured(String name) {
        try (InputStream in = DnfErrorClassifierTest.class.getResourceAsStream("/dnf-errors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource dnf-errors/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvFileSource(resources = "/dnf-errors/expected-classes.csv")
    void capturedOutput_isClassified(String file, ErrorClass expected, String lineFragment) {
        Classification c = DnfErrorClassifier.classify(captured(file), "Failed");

        assertThat(c.errorClass()).isEqualTo(expected);
        assertThat(c.errorLine()).contains(lineFragment.strip());
    }

    @ParameterizedTest(name = "banner + {0} -> {1}")
    @CsvFileSource(resources = "/dnf-errors/expected-classes.csv")
    void capturedOutput_behindTheSubscriptionBanner_isClassifiedTheSame(String file, ErrorClass expected, String lineFragment) {
        Classification c = DnfErrorClassifier.classify(RealHostDiagnosisTest.BANNER + RealHostDiagnosisTest.NOISE
                + captured(file), "Failed");

        assertThat(c.errorClass()).isEqualTo(expected);
        assertThat(c.errorLine()).contains(lineFragment.strip());
    }

    @Test
    void silentOutput_timedOutStatus_isTimeout() {
        assertThat(DnfErrorClassifier.classify("", "TIMED_OUT")).isEqualTo(new Classification(ErrorClass.TIMEOUT, ""));
        assertThat(DnfErrorClassifier.classify((String) null, "TimedOut").errorClass()).isEqualTo(ErrorClass.TIMEOUT);
    }

    @Test
    void silentOutput_undeliverable_isAgentUnreachable() {
        assertThat(DnfErrorClassifier.classify("", "Undeliverable").errorClass()).isEqualTo(ErrorClass.AGENT_UNREACHABLE);
    }

    @Test
    void silentOutput_failed_isUnknownWithoutLine() {
        assertThat(DnfErrorClassifier.classify("\n", "Failed")).isEqualTo(new Classification(ErrorClass.UNKNOWN, ""));
    }

    @Test
    void agentRunReportError_beatsARecoveredCurlErrorInTheLog() {
        Classification c = DnfErrorClassifier.classify(java.util.List.of(captured("disk-space.txt"),
                captured("rhel-metadata-curl-timeout.txt")), "Failed");
        assertThat(c.errorClass()).isEqualTo(ErrorClass.DISK_SPACE);
    }

    @Test
    void outputBeatsStatus_curlTimeoutIsMetadataNotTimeout() {
        assertThat(DnfErrorClassifier.classify(captured("rhel-metadata-curl-timeout.txt"), "TimedOut").errorClass())
                .isEqualTo(ErrorClass.METADATA_DOWNLOAD);
    }

    @Test
    void agentPackageDbHealthError_isPackageDb_evenBeforeRpmWords() {
        // the RunReport error the agent writes when its package-database check stops a run
        String error = "package database unhealthy, nothing planned: 40 duplicate packages in the rpm database"
                + " (interrupted transaction?): labpkg000.noarch (1.0-1.el8, 1.0-2.el8); last dnf transaction did not finish";
        Classification c = DnfErrorClassifier.classify(java.util.List.of(error, "Error: Transaction test error:"), "Failed");
        assertThat(c.errorClass()).isEqualTo(ErrorClass.PACKAGE_DB);
        assertThat(c.errorLine()).contains("duplicate packages");
        assertThat(DnfErrorClassifier.classify("Error: rpmdb open failed", "Failed").errorClass()).isEqualTo(ErrorClass.RPMDB_CORRUPT);
    }
}
