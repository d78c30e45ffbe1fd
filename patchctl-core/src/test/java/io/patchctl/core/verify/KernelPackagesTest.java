package io.patchctl.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelPackagesTest {

    @Test
    void isBootedKernel_rhelAndAmazonKernels_notHeadersToolsOrLivepatch() {
        assertThat(KernelPackages.isBootedKernel("kernel")).isTrue();
        assertThat(KernelPackages.isBootedKernel("kernel-core")).isTrue();
        assertThat(KernelPackages.isBootedKernel("kernel-modules-extra")).isTrue();
        assertThat(KernelPackages.isBootedKernel("kernel-rt-core")).isTrue();
        assertThat(KernelPackages.isBootedKernel("kernel6.1")).isTrue();
        assertThat(KernelPackages.isBootedKernel("kernel6.12")).isTrue();
        assertThat(KernelPackages.isBootedKernel("kernel-headers")).isFalse();
        assertThat(KernelPackages.isBootedKernel("kernel-tools")).isFalse();
        assertThat(KernelPackages.isBootedKernel("kernel-livepatch-6.1.112-122.189")).isFalse();
    }

    @Test
    void runningAtLeast_comparesUnameWithTheEvr_archStripped() {
        assertThat(KernelPackages.runningAtLeast("4.18.0-553.2.el8.x86_64", "4.18.0-553.2.el8")).isTrue();
        assertThat(KernelPackages.runningAtLeast("4.18.0-553.1.el8.x86_64", "4.18.0-553.2.el8")).isFalse();
        assertThat(KernelPackages.runningAtLeast("4.18.0-553.10.el8.x86_64", "4.18.0-553.2.el8")).as("rpm ordering, not text").isTrue();
        assertThat(KernelPackages.runningAtLeast("6.1.115-126.197.amzn2023.aarch64", "6.1.115-126.197.amzn2023")).isTrue();
        assertThat(KernelPackages.runningAtLeast("4.18.0-553.2.el8.x86_64", "0:4.18.0-553.2.el8")).isTrue();
    }
}
