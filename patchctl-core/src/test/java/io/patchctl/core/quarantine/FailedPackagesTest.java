package io.patchctl.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which package dnf blamed, read from real dnf 4 output (fixtures under dnf-errors/, see real/SOURCES). */
class FailedPackagesTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = FailedPackagesTest.class.getResourceAsStream("/dnf-errors/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> names(List<FailedPackages.Blamed> blamed) {
        return blamed.stream().map(FailedPackages.Blamed::name).toList();
    }

    @Test
    void blamed_fatalPreinScriptletOnEl8_namesThePackageWithItsNevra() throws IOException {
        List<FailedPackages.Blamed> blamed = FailedPackages.blamed(fixture("real/scriptlet-prein-fatal-el8.txt"),
                List.of("openssl-libs", "manageiq-core"));

        assertThat(blamed).containsExactly(
                new FailedPackages.Blamed("manageiq-core", "manageiq-core-17.0.0-20230327001608.el8.x86_64"));
    }

    @Test
    void blamed_labCapturedPreScriptlet_namesThePackage() throws IOException {
        assertThat(names(FailedPackages.blamed(fixture("scriptlet-failure.txt"), List.of("badpre", "base"))))
                .containsExactly("badpre");
    }

    @Test
    void blamed_nonFatalPostScriptlet_blamesNobody() throws IOException {
        // rpm only warns for %post: the transaction went on, so no package is to blame for a failure
        assertThat(FailedPackages.blamed(fixture("real/scriptlet-post-nonfatal-el9.txt"), List.of("cvmfs"))).isEmpty();
    }

    @Test
    void blamed_fileConflict_namesThePackageBeingInstalledNotTheInstalledOne() throws IOException {
        assertThat(names(FailedPackages.blamed(fixture("real/file-conflict-el8.txt"),
                List.of("ont-epi2melabs-launcher", "libxcb", "libidn2")))).containsExactly("ont-epi2melabs-launcher");
        assertThat(names(FailedPackages.blamed(fixture("file-conflict.txt"), List.of("clash", "base"))))
                .containsExactly("clash");
    }

    @Test
    void blamed_dependencyProblems_nameTheAttemptedSubjects() throws IOException {
        assertThat(names(FailedPackages.blamed(fixture("dependency-problem.txt"), List.of("needy"))))
                .containsExactly("needy");
        assertThat(names(FailedPackages.blamed(fixture("real/dependency-modular-el8.txt"),
                List.of("dnf-plugins-core", "curl")))).containsExactly("dnf-plugins-core");
    }

    @Test
    void blamed_packageNotAttempted_isNotBlamed() throws IOException {
        // a dependency dnf pulled in, or an installed package, cannot be held by name
        assertThat(FailedPackages.blamed(fixture("real/scriptlet-prein-fatal-el8.txt"), List.of("openssl-libs"))).isEmpty();
        assertThat(FailedPackages.blamed(null, List.of("openssl-libs"))).isEmpty();
    }

    @Test
    void nameOf_nevraWithEpoch_isThePackageName() {
        assertThat(FailedPackages.nameOf("xrootd-client-devel-1:5.7.3-1.el9.x86_64", List.of("xrootd-client-devel")))
                .contains("xrootd-client-devel");
        assertThat(FailedPackages.nameOf("xrootd-client-devel-1:5.7.3-1.el9.x86_64", List.of("xrootd-client"))).isEmpty();
    }
}
