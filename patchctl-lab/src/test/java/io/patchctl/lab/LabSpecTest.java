package io.patchctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabSpecTest {

    @Test
    void fingerprint_changesWithContentAndIsStable() {
        assertThat(StandardLabs.mixed().fingerprint()).isEqualTo(StandardLabs.mixed().fingerprint())
                .isNotEqualTo(StandardLabs.failing().fingerprint());
    }

    @Test
    void duplicateAdvisoryId_isRejected() {
        LabRpm a = LabRpm.of("a", "1-2", "noarch");
        LabSpec.Builder b = LabSpec.builder().update(a)
                .advisory(LabAdvisory.security("RHSA-1:1", "Low", List.of(), a))
                .advisory(LabAdvisory.bugfix("RHSA-1:1", a));

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate advisory id RHSA-1:1");
    }

    @Test
    void versionsDifferingOnlyInEpoch_areRejected() {
        LabSpec.Builder b = LabSpec.builder().base(LabRpm.of("a", "1-2", "noarch")).update(LabRpm.of("a", "1:1-2", "noarch"));

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two lab packages would share the file name a-1-2.noarch.rpm");
    }

    @Test
    void updateinfo_escapesXmlAndWritesEpochAndCves() {
        LabRpm r = LabRpm.of("openssl-libs", "1:1.1.1k-12.el8", "x86_64");
        String xml = UpdateinfoWriter.xml(List.of(new LabAdvisory("RHSA-2026:1", LabAdvisory.Type.SECURITY, "Important",
                "a <b> & \"c\"", List.of("CVE-2026-1"), List.of(r))));

        assertThat(xml).contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>")
                .contains("epoch=\"1\"").contains("id=\"CVE-2026-1\"").contains("type=\"security\"")
                .contains("<severity>Important</severity>");
    }

    @Test
    void spec_kernelProvidesInstallOnlyAndFailingPreExitsOne() {
        String spec = SpecWriter.spec("gen0", List.of(LabRpm.of("kernel-core", "4.18.0-1.el8", "x86_64"),
                LabRpm.of("tzdata-broken", "2026a-1.el8", "noarch").withFailingPre()));

        assertThat(spec).contains("%package -n kernel-core\nVersion: 4.18.0\nRelease: 1.el8\n")
                .contains("Provides: installonlypkg(kernel)")
                .contains("%pre -n tzdata-broken\n").contains("exit 1\n")
                .contains("BuildArch: noarch\n");
    }

    @Test
    void fleet_hasRequestedCounts() {
        LabSpec fleet = StandardLabs.fleet(60, 40);

        assertThat(fleet.base()).hasSize(60);
        assertThat(fleet.updates()).hasSize(40);
        assertThat(fleet.advisories()).hasSize(40).allMatch(a -> a.type() == LabAdvisory.Type.SECURITY);
    }
}
