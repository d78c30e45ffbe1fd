package io.patchctl.cli.fleetreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.plan.approval.ExceptionState;
import io.patchctl.core.plan.approval.ExceptionStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExceptionsHtmlTest {

    private static HostResult host(String id, ExceptionStatus... exceptions) {
        return HostResult.builder().instanceId(id).outcome(io.patchctl.core.fleet.HostOutcome.COMPLIANT)
                .timestamp("2026-12-01T10:00:00Z").exceptions(List.of(exceptions)).build();
    }

    private static ExceptionStatus status(String value, String reason, LocalDate expires, ExceptionState state,
                                          List<String> holding, List<String> allowedAgain) {
        return new ExceptionStatus(0, "package", value, reason, "alice", expires, state, expires == null, null, holding,
                allowedAgain, "n");
    }

    @Test
    void render_listsLapsingLapsedActive_escapesText_andNamesNoExpiry() {
        FleetReport report = new FleetReport(Instant.parse("2026-12-01T11:00:00Z"), "t", "prod", null, List.of(
                host("i-01", status("openssh*", "<script>x</script>", LocalDate.of(2026, 12, 3), ExceptionState.LAPSING,
                        List.of("openssh"), List.of()),
                        status("httpd", "freeze", null, ExceptionState.ACTIVE, List.of(), List.of())),
                host("i-02", status("libxml2", "old", LocalDate.of(2026, 11, 1), ExceptionState.LAPSED, List.of(),
                        List.of("libxml2")))), List.of());

        String html = new FleetReportHtml().render(report);

        String section = html.substring(html.indexOf("<section id=\"exceptions\""), html.indexOf("</section>",
                html.indexOf("<section id=\"exceptions\"")));
        assertThat(section).contains("2 active (1 lapsing within 7 days), 1 lapsed")
                .contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>")
                .contains("<b>no expiry</b>").contains("1 allowed again").contains("1 of 1");
        assertThat(section.indexOf("st-LAPSING")).isLessThan(section.indexOf("st-LAPSED"));
        assertThat(section.indexOf("st-LAPSED\"")).isLessThan(section.indexOf("st-ACTIVE\""));
        // one of the page's feature sections: linked from the navigation at the top
        assertThat(html.substring(0, html.indexOf("</nav>"))).contains("<a href=\"#exceptions\">Exceptions</a>");
    }

    @Test
    void render_noExceptions_noSection() {
        FleetReport report = new FleetReport(Instant.EPOCH, "t", "", null, List.of(host("i-01")), List.of());
        assertThat(new FleetReportHtml().render(report)).doesNotContain("id=\"exceptions\"");
    }
}
