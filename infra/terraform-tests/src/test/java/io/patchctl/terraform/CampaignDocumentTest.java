package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.campaign.CampaignIds;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The document's campaign parameters ({@code cves}, {@code advisories}): their allowedPattern admits
 * exactly the id lists the agent accepts (CampaignIds), and nothing that could leave the single quotes
 * the script puts the value in. SSM checks a parameter value against allowedPattern before it sends the
 * command (SendCommand answers InvalidParameters), so a value the pattern refuses never reaches a host.
 */
class CampaignDocumentTest {

    private static final Path MODULE = TerraformTree.patchManager();

    private static Pattern allowedPattern(String local) {
        String locals = HclSource.module(MODULE).block("locals");
        return Pattern.compile(PatchDocumentTest.resolveLocals("local." + local, locals));
    }

    @Test
    void cvesPattern_acceptsTheIdListsTheAgentAccepts_andRejectsTheRest() {
        Pattern cves = allowedPattern("cves_allowed_pattern");
        List<String> good = List.of("", "CVE-2026-0001", "CVE-2026-0001,CVE-2026-123456", "CVE-1999-9999");
        List<String> bad = List.of("CVE-2026-123", "cve-2026-1234", "CVE-2026-0001,", ",CVE-2026-0001", "CVE-2026-0001, CVE-2026-0002",
                "CVE-2026-0001 CVE-2026-0002", "CVE-2026-0001';reboot;'", "CVE-2026-0001$(id)", "CVE-2026-0001\nreboot",
                "RHSA-2026:1001", "*");
        for (String value : good) {
            assertThat(cves.matcher(value).matches()).as("cves = \"%s\"", value).isTrue();
            ids(value).forEach(id -> assertThatCode(() -> CampaignIds.cve(id)).doesNotThrowAnyException());
        }
        for (String value : bad) {
            assertThat(cves.matcher(value).matches()).as("cves = \"%s\" must be refused", value).isFalse();
        }
        // no more than 50 ids in one command
        assertThat(cves.matcher(String.join(",", Collections.nCopies(50, "CVE-2026-0001"))).matches()).isTrue();
        assertThat(cves.matcher(String.join(",", Collections.nCopies(51, "CVE-2026-0001"))).matches()).isFalse();
    }

    @Test
    void advisoriesPattern_acceptsEachVendorsForm_asTheAgentDoes() {
        Pattern advisories = allowedPattern("advisories_allowed_pattern");
        List<String> forms = List.of("RHSA-2026:1234", "RHBA-2026:12345", "RLSA-2024:0001", "ALSA-2024:1234", "ELSA-2024-12345",
                "ALAS2023-2024-123", "ALAS2-2024-2500", "ALAS-2024-1901", "FEDORA-2024-0123456789", "FEDORA-EPEL-2024-abcdef0123");
        for (String id : forms) {
            assertThat(advisories.matcher(id).matches()).as(id).isTrue();
            assertThatCode(() -> CampaignIds.advisory(id)).as(id).doesNotThrowAnyException();
        }
        assertThat(advisories.matcher(String.join(",", forms)).matches()).isTrue();
        for (String hostile : List.of("RHSA-2026:1234'; curl x | sh; '", "RHSA-2026:1234 RHSA-2026:1235", "rhsa-2026:1234",
                "RHSA-2026-1234", "ELSA-2024:12345", "FEDORA-2024-XYZ", "RHSA-2026:1234\n", "CVE-2026-0001")) {
            assertThat(advisories.matcher(hostile).matches()).as("advisories = \"%s\" must be refused", hostile).isFalse();
            assertThatThrownBy(() -> ids(hostile).forEach(CampaignIds::advisory)).as(hostile)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theScriptsCampaignArguments_areOptionsTheRealAgentCliAccepts() {
        String script = PatchDocumentTest.renderScript("{}");
        List<String> args = new java.util.ArrayList<>(PatchDocumentTest.patchctlArgs(script, "rules", false, null));
        args.addAll(List.of("--cve", "CVE-2026-0001", "--cve", "CVE-2026-0002", "--advisory", "RHSA-2026:1002"));

        CommandLine.ParseResult run = PatchDocumentTest.patchctl().parseArgs(args.toArray(String[]::new)).subcommand();

        assertThat(run.commandSpec().name()).isEqualTo("run");
        assertThat(run.<List<String>>matchedOptionValue("--cve", List.of())).containsExactly("CVE-2026-0001", "CVE-2026-0002");
        assertThat(run.<List<String>>matchedOptionValue("--advisory", List.of())).containsExactly("RHSA-2026:1002");
    }

    private static List<String> ids(String value) {
        return value.isEmpty() ? List.of() : List.of(value.split(",", -1));
    }
}
