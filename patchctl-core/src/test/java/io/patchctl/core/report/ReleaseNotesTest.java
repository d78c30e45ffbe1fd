package io.patchctl.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.advisory.Severity;
import io.patchctl.core.host.Distro;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.plan.ReleaseTrack;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseNotesTest {

    private static final Distro AL2023 = new Distro("amzn", "2023", "Amazon Linux", "Amazon Linux 2023.6.20241010");

    @Test
    void locked_withNewerReleases_saysAdvisoriesAreNotOfferedAndHowToGetThem() {
        List<String> notes = ReleaseNotes.of(AL2023, PatchPolicy.defaults(), List.of("2023.6.20241031", "2023.6.20241111"));

        assertThat(notes).singleElement().asString().contains("Amazon Linux 2023 is locked")
                .contains("2023.6.20241031, 2023.6.20241111").contains("release: latest");
    }

    @Test
    void latest_orNothingSaid_noNote() {
        PatchPolicy latest = new PatchPolicy(List.of("kernel*"), Severity.LOW, false, 0, ReleaseTrack.LATEST);

        assertThat(ReleaseNotes.of(AL2023, latest, List.of("2023.6.20241031"))).isEmpty();
        assertThat(ReleaseNotes.of(AL2023, PatchPolicy.defaults(), List.of())).isEmpty();
    }

    @Test
    void manyReleases_listsTheNewestFew() {
        List<String> many = List.of("2023.1.1", "2023.2.1", "2023.3.1", "2023.4.1", "2023.5.1", "2023.6.1", "2023.7.1");

        assertThat(ReleaseNotes.of(AL2023, PatchPolicy.defaults(), many).get(0))
                .contains("2023.7.1").doesNotContain("2023.1.1").contains("...");
    }
}
