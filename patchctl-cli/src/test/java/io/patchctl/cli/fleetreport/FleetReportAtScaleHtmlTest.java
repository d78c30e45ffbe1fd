package io.patchctl.cli.fleetreport;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.fleet.FleetReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's structure at fleet size, as text (the browser test checks what a person sees). */
class FleetReportAtScaleHtmlTest {

    private static final String HTML_120 = new FleetReportHtml().render(LargeFleet.build(120));

    @Test
    void failures_oneCardPerCause_hostsBeyondTwelveFolded() {
        assertThat(count(HTML_120, "<article class=\"card failure\"")).isEqualTo(2);
        assertThat(HTML_120).contains("30 hosts, 2 causes.");
        assertThat(HTML_120).contains("data-cause-hosts=\"15\"").contains("3 more hosts</summary>");
        assertThat(HTML_120).contains("Repository baseos unreachable");
    }

    @Test
    void hostTable_comesBeforeTheFailures_withFiltersForStatusAndDistro() {
        assertThat(HTML_120.indexOf("<section id=\"hosts\">")).isLessThan(HTML_120.indexOf("<section id=\"failures\">"));
        assertThat(HTML_120).contains("<select data-filter=\"outcome\" id=\"filter-outcome\">")
                .contains("<option value=\"FAILED\">Failed</option>")
                .contains("<option value=\"Amazon Linux 2023\">Amazon Linux 2023</option>");
        assertThat(count(HTML_120, "<tr data-host=")).isEqualTo(120);
        assertThat(HTML_120).contains("<nav class=\"toc\" aria-label=\"sections\"><a href=\"#hosts\">Hosts</a>"
                + "<a href=\"#failures\">Failures</a><a href=\"#sla\">SLA</a>");
    }

    @Test
    void optionalColumn_fromAHostResultComponent_whenTheRecordHasIt() {
        StringBuilder h = new StringBuilder();
        new HostTable(List.of("planCache", "noSuchComponent")).render(h, LargeFleet.build(8));

        assertThat(h).contains("<select data-filter=\"planCache\" id=\"filter-planCache\">")
                .contains("<th data-sort=\"text\">PlanCache</th>").contains(" data-planCache=\"off\"")
                .doesNotContain("noSuchComponent");
        assertThat(HostTable.component("distro")).isNotNull();
        assertThat(HostTable.component("noSuchComponent")).isNull();
    }

    @Test
    void ringColumn_andFilter_whenHostsHaveRings_absentWithout() {
        FleetReport plain = LargeFleet.build(9);
        List<String> rings = List.of("dev", "staging", "prod");
        List<io.patchctl.core.fleet.HostResult> ringed = new java.util.ArrayList<>();
        for (int i = 0; i < plain.hosts().size(); i++) {
            ringed.add(plain.hosts().get(i).toBuilder().ring(rings.get(i * rings.size() / plain.hosts().size())).build());
        }
        FleetReport withRings = new FleetReport(plain.generatedAt(), plain.source(), plain.environment(), plain.cycle(),
                ringed, plain.problems(), plain.sla());

        String html = new FleetReportHtml().render(withRings);
        assertThat(html).contains("<select data-filter=\"ring\" id=\"filter-ring\">")
                .contains("<option value=\"dev\">dev</option>").contains("<option value=\"prod\">prod</option>")
                .contains("<th data-sort=\"text\">Ring</th>").contains("<td data-l=\"Ring\">staging</td>");
        assertThat(count(html, " data-ring=\"prod\"")).isEqualTo(3);
        assertThat(new FleetReportHtml().render(plain)).doesNotContain("filter-ring").doesNotContain(">Ring</th>");
        // JSON: the host's ring, absent (not null) without one, so reports without rings keep their bytes
        assertThat(io.patchctl.core.internal.json.Json.mapper().valueToTree(ringed.get(0)).get("ring").asText()).isEqualTo("dev");
        assertThat(io.patchctl.core.internal.json.Json.mapper().valueToTree(plain.hosts().get(0)).has("ring")).isFalse();
    }

    @Test
    void csp_allowsExactlyThePageScriptByItsHash() throws Exception {
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(PageScript.SOURCE.getBytes(StandardCharsets.UTF_8)));
        assertThat(HTML_120).contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
                + hash + "'\">");
        assertThat(HTML_120).doesNotContain("unsafe-eval").doesNotContain("script-src 'unsafe-inline'");
        Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(HTML_120);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo(PageScript.SOURCE);
        assertThat(m.find()).as("one script only").isFalse();
    }

    @Test
    void hostileText_isEscapedInHostNamesErrorsAndCauses() {
        assertThat(HTML_120).doesNotContain("<img").doesNotContain("<script>window.__pwned");
        assertThat(HTML_120).contains("web-3&lt;img src=x onerror=&quot;window.__pwned=1;document.title=&#39;pwned&#39;&quot;&gt;");
        assertThat(HTML_120).contains("RPM scriptlet failure in tzdata &lt;img");
    }

    @Test
    void timeline_perHostUpTo40_aggregatedAbove_withATimeAxis() {
        String small = new FleetReportHtml().render(LargeFleet.build(8));
        String large = new FleetReportHtml().render(LargeFleet.build(500));

        assertThat(small).contains("data-mode=\"per-host\"").contains("class=\"axis mono\">i-00000000000000007</text>");
        assertThat(large).contains("data-mode=\"aggregate\"").contains(">hosts running</text>")
                .containsPattern("text-anchor=\"end\">\\d+\\.\\d (s|min)</text>");
        assertThat(count(large, "class=\"tl o-")).as("bounded by intervals, not hosts").isLessThanOrEqualTo(3 * TimelineChart.BUCKETS);
    }

    @Test
    void sla_figuresOverdueAndCyclePlot_orNothingWithoutClocks() {
        assertThat(HTML_120).contains("<tr data-severity=\"CRITICAL\">").contains("Overdue <span class=\"muted\">· 120</span>")
                .contains("105 more overdue</summary>")
                .contains("data-cycle=\"3\" data-critical=\"0\" data-important=\"120\"");
        FleetReport withoutSla = new FleetReport(LargeFleet.build(8).generatedAt(), "s", "prod", null,
                LargeFleet.build(8).hosts(), List.of());
        String html = new FleetReportHtml().render(withoutSla);
        assertThat(html).doesNotContain("<section id=\"sla\">").doesNotContain("href=\"#sla\"");
    }

    @Test
    void sla_hostileCveIdHostAndReason_areEscaped() {
        String hostile = "<script>window.__pwned=3</script>";
        var clock = new io.patchctl.core.sla.CveClock("i-1\"><b>x", "prod", "CVE-1" + hostile,
                io.patchctl.core.advisory.Severity.CRITICAL, null, java.time.LocalDate.parse("2026-10-01"),
                java.time.Instant.parse("2026-10-02T00:00:00Z"), null, 40, 15, java.util.Set.of("RHSA" + hostile),
                java.util.Set.of("pkg"), "held: pkg (" + hostile + ")");
        var sla = new io.patchctl.core.sla.SlaReport(io.patchctl.core.sla.SlaTargets.defaults(),
                java.time.Instant.parse("2026-11-10T00:00:00Z"), 1, List.of(clock), List.of());
        String html = new FleetReportHtml().render(LargeFleet.build(8).withSla(sla));

        assertThat(html).doesNotContain(hostile).doesNotContain("<b>x");
        assertThat(html).contains("<code>CVE-1&lt;script&gt;window.__pwned=3&lt;/script&gt;</code>")
                .contains("href=\"#host-i-1&quot;&gt;&lt;b&gt;x\"").contains("held: pkg (&lt;script&gt;");
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
