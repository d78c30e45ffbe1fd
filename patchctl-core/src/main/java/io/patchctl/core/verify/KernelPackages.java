package io.patchctl.core.verify;

import io.patchctl.core.advisory.RpmVersion;
import java.util.regex.Pattern;

/**
 * The packages that make up the running kernel, and how {@code uname -r} compares with their EVRs.
 * RHEL: kernel, kernel-core, kernel-modules*, kernel-rt*; Amazon Linux 2023: kernel6.1, kernel6.12.
 * Not kernel-headers/-tools/-devel: they are ordinary packages, fixed once installed.
 */
public final class KernelPackages {

    private static final Pattern RUNNING = Pattern.compile(
            "kernel|kernel-core|kernel-modules(-core|-extra)?|kernel-rt(-core|-modules.*)?|kernel\\d+\\.\\d+(-modules.*)?");
    private static final Pattern ARCH_SUFFIX = Pattern.compile("\\.(x86_64|aarch64|ppc64le|s390x|i686|noarch)$");

    private KernelPackages() {
    }

    /** True for a package whose update takes effect only when its kernel is booted. */
    public static boolean isBootedKernel(String name) {
        return RUNNING.matcher(name).matches();
    }

    /** {@code 4.18.0-553.2.el8.x86_64} (uname -r) as the EVR rpm shows: {@code 4.18.0-553.2.el8}. */
    public static String evrOfRelease(String unameRelease) {
        return ARCH_SUFFIX.matcher(unameRelease.strip()).replaceFirst("");
    }

    /** True when the kernel release running is at least {@code evr} (kernels carry no epoch). */
    public static boolean runningAtLeast(String unameRelease, String evr) {
        return RpmVersion.compareEvr(evrOfRelease(unameRelease), evr.contains(":") ? evr.substring(evr.indexOf(':') + 1) : evr) >= 0;
    }
}
