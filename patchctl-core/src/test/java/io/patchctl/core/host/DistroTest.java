package io.patchctl.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistroTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // NAME, ID, VERSION_ID as each distribution ships them in /etc/os-release
        "Red Hat Enterprise Linux|rhel|9.4|Red Hat Enterprise Linux 9.4",
        "Rocky Linux|rocky|9.3|Rocky Linux 9.3",
        "AlmaLinux|almalinux|8.10|AlmaLinux 8.10",
        "Oracle Linux Server|ol|9.4|Oracle Linux Server 9.4",
        "Amazon Linux|amzn|2023|Amazon Linux 2023",
    })
    void parse_readsNameIdAndVersion(String name, String id, String version, String display) {
        String osRelease = "NAME=\"" + name + "\"\nVERSION=\"" + version + "\"\nID=\"" + id + "\"\nID_LIKE=\"rhel centos fedora\"\n"
                + "VERSION_ID=\"" + version + "\"\nPRETTY_NAME=\"" + display + "\"\n";

        Distro d = Distro.parse(osRelease);

        assertThat(d.id()).isEqualTo(id);
        assertThat(d.versionId()).isEqualTo(version);
        assertThat(d.displayName()).isEqualTo(display);
        assertThat(d.isAmazonLinux()).isEqualTo(id.equals("amzn"));
    }

    @Test
    void parse_unquotedValuesCommentsAndGarbage() {
        Distro d = Distro.parse("# comment\nID=rocky\nVERSION_ID=9.3\ngarbage line\n=novalue\nNAME='Rocky Linux'\n");

        assertThat(d).isEqualTo(new Distro("rocky", "9.3", "Rocky Linux", ""));
        assertThat(d.majorVersion()).isEqualTo("9");
    }

    @Test
    void parse_emptyOrNull_isUnknownAndSaysSo() {
        assertThat(Distro.parse(null)).isEqualTo(Distro.UNKNOWN);
        assertThat(Distro.parse("")).isEqualTo(Distro.UNKNOWN);
        assertThat(Distro.UNKNOWN.displayName()).doesNotContain("RHEL 8").contains("unidentified");
    }

    @Test
    void hostileValues_areBoundedAndPrintable() {
        Distro d = Distro.parse("ID=rocky\nNAME=\"Rocky\u0007\u001b[31m " + "x".repeat(500) + "\"\n");

        assertThat(d.name()).hasSizeLessThanOrEqualTo(80).doesNotContain("\u001b").doesNotContain("\u0007");
    }
}
