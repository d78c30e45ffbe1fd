package io.patchctl.dnf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What may follow {@code dnf upgrade -y --}: names, and exact builds for rings; nothing else. */
class InstallSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"openssl-libs", "curl", "openssl-libs-1:1.1.1k-12.el8.x86_64", "curl-7.61.1-34.el8.x86_64",
            "vim-minimal-2:8.0.1763-20.el8.x86_64", "tzdata-2026a-1.el8.noarch", "kernel-core-4.18.0-553.2.el8.aarch64"})
    void accepts_namesAndExactBuilds(String spec) {
        assertThat(InstallSpec.problem(spec)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-y", "--setopt=tsflags=test", "openssl*", "openssl-libs-1:1.1.1k-12.el8.x86_64;rm",
            "openssl-libs 1:1.1.1k", "curl-7.61.1-34.el8.x86_64$(id)", "a-1:2-3.el8.x86_64/../x", ""})
    void refuses_optionsGlobsAndShellSyntax(String spec) {
        assertThat(InstallSpec.problem(spec)).isPresent();
    }
}
