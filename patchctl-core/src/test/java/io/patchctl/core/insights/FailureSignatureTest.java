package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureSignatureTest {

    private static String sig(ErrorClass c, String line) {
        return FailureSignature.of(new Classification(c, line)).orElseThrow();
    }

    @Test
    void sameRepoOutage_onDifferentHostsAndTimes_hasOneSignature() {
        String a = sig(ErrorClass.METADATA_DOWNLOAD, "Error: Failed to download metadata for repo 'rhel-8-baseos' on "
                + "ip-10-0-1-23.ec2.internal (i-0a1b2c3d4e5f60718) after 30000 ms at 02:13:09");
        String b = sig(ErrorClass.METADATA_DOWNLOAD, "Error: Failed to download metadata for repo 'rhel-8-baseos' on "
                + "ip-10-0-7-4.ec2.internal (i-0f9e8d7c6b5a49382) after 30001 ms at 02:14:51");
        assertThat(a).isEqualTo(b).hasSize(32);
    }

    @Test
    void packageVersions_doNotSplitTheSignature() {
        assertThat(sig(ErrorClass.DEPENDENCY, "nothing provides libssl.so.3 needed by curl-7.61.1-34.el8.x86_64"))
                .isEqualTo(sig(ErrorClass.DEPENDENCY, "nothing provides libssl.so.3 needed by curl-7.61.1-35.el8_9.x86_64"));
    }

    @Test
    void differentRepoOrClass_givesDifferentSignatures() {
        String line = "Failed to download metadata for repo 'rhel-8-baseos'";
        assertThat(sig(ErrorClass.METADATA_DOWNLOAD, line))
                .isNotEqualTo(sig(ErrorClass.METADATA_DOWNLOAD, "Failed to download metadata for repo 'epel'"))
                .isNotEqualTo(sig(ErrorClass.UNKNOWN, line));
    }

    @Test
    void noErrorLine_hasNoSignature() {
        assertThat(FailureSignature.of(new Classification(ErrorClass.TIMEOUT, ""))).isEmpty();
    }

    @Test
    void normalize_replacesIdsHashesAndNumbers() {
        assertThat(FailureSignature.normalize("pid 1482 on i-0a1b2c3d4e5f60718 cache epel-fe3d1f3a1b0c2d4e"))
                .isEqualTo("pid # on i-* cache epel-*");
        assertThat(FailureSignature.normalize("needed by curl-1:7.61.1-35.el8_9.x86_64")).isEqualTo("needed by curl-<evr>.x#_#");
    }
}
