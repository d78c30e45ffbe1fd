package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.advisory.Severity;
import java.util.List;

/** The update set the advice tests plan for: two allowed packages and a kernel the policy holds. */
final class Updates {

    static final SecurityUpdate OPENSSL = new SecurityUpdate("RHSA-2021:1024", Severity.IMPORTANT,
            List.of("CVE-2021-3449", "CVE-2021-3450"), "openssl-libs", "x86_64", "1:1.1.1k-1.el8", "1:1.1.1k-2.el8");
    static final SecurityUpdate CURL = new SecurityUpdate("RHSA-2021:2000", Severity.MODERATE,
            List.of("CVE-2021-22876"), "curl", "x86_64", "7.61.1-17.el8", "7.61.1-18.el8");
    static final SecurityUpdate KERNEL = new SecurityUpdate("RHSA-2021:3000", Severity.IMPORTANT,
            List.of("CVE-2021-33909"), "kernel-core", "x86_64", "4.18.0-305.el8", "4.18.0-305.10.2.el8");

    static final List<SecurityUpdate> ALL = List.of(OPENSSL, CURL, KERNEL);

    private Updates() {
    }
}
