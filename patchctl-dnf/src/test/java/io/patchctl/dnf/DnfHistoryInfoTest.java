package io.patchctl.dnf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code dnf history info} as Debian's dnf 4.14 printed it in the lab (fixtures under dnf/). */
class DnfHistoryInfoTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = DnfHistoryInfoTest.class.getResourceAsStream("/dnf/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void upgrade_idAndTheNewSideOnly() throws Exception {
        DnfHistoryInfo info = DnfHistoryInfo.parse(fixture("history-info-upgrade.stdout")).orElseThrow();

        assertThat(info.id()).isEqualTo(1);
        assertThat(info.installed()).containsExactly("labapp-1.1-1.el8.noarch");
    }

    @Test
    void undo_isADowngrade_theOldVersionIsTheNewSide() throws Exception {
        DnfHistoryInfo info = DnfHistoryInfo.parse(fixture("history-info-undo.stdout")).orElseThrow();

        assertThat(info.id()).isEqualTo(2);
        assertThat(info.installed()).containsExactly("labapp-1.0-1.el8.noarch");
    }

    @Test
    void epochsDependenciesAndScriptletOutput() {
        String text = """
                Transaction ID : 17
                Return-Code    : Success
                Packages Altered:
                    Upgrade  openssl-libs-1:1.1.1k-12.el8_9.x86_64 @rhel-8-for-x86_64-baseos-rpms
                    Upgraded openssl-libs-1:1.1.1k-9.el8_7.x86_64  @@System
                    Install  crypto-policies-scripts-20230731-1.git3177e06.el8.noarch @rhel-8-for-x86_64-baseos-rpms
                Scriptlet output:
                   1 Install  warning: something
                """;

        DnfHistoryInfo info = DnfHistoryInfo.parse(text).orElseThrow();

        assertThat(info.id()).isEqualTo(17);
        assertThat(info.installed()).containsExactly("openssl-libs-1:1.1.1k-12.el8_9.x86_64",
                "crypto-policies-scripts-20230731-1.git3177e06.el8.noarch");
    }

    @Test
    void noTransaction_isEmpty() {
        assertThat(DnfHistoryInfo.parse("No transaction which manipulates package exists.\n")).isEmpty();
        assertThat(DnfHistoryInfo.parse("")).isEmpty();
    }
}
