package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.SummaryTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FleetReportHtmlTest {

    private final String html = new FleetReportHtml().render(SampleFleet.build());

    @Test
    void render_escapesModelOutputAndPackageNames() {
        // the one script is the page's own constant (allowed by its CSP hash); no report text became markup
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).contains("<script>" + PageScript.SOURCE + "</script>");
        assertThat(html).doesNotContain("<img").doesNotContain("<i>friends");
        assertThat(html).contains("&lt;/b&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;Scriptlet &amp; ");
        assertThat(html).contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;");
    }

    @Test
    void render_isSelfContained() {
        // no URL that a browser would fetch: everything is inline
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"(https?:|//)");
        assertThat(html).doesNotContainPattern("(?i)url\\(");
        assertThat(html).doesNotContainPattern("(?i)@import");
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    }

    @Test
    void render_showsCountsPerOutcome() {
        assertThat(tile("outcome-COMPLIANT")).isEqualTo(3);
        assertThat(tile("outcome-NON_COMPLIANT")).isEqualTo(1);
        assertThat(tile("outcome-FAILED")).isEqualTo(2);
        assertThat(tile("outcome-NOT_STARTED")).isEqualTo(1);
        assertThat(tile("installed")).isEqualTo(6);
        assertThat(tile("insights")).isEqualTo(2);
        assertThat(html).contains("The cycle stopped launching hosts after more than 1 failure");
    }

    @Test
    void json_carriesTheSameFigures() throws Exception {
        JsonNode json = Json.mapper().readTree(SampleFleet.json());
        assertThat(json.get("schema").asText()).isEqualTo("patchctl.fleet-report/v1");
        assertThat(json.at("/summary/hosts").asInt()).isEqualTo(7);
        assertThat(json.at("/summary/outcomes/FAILED").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/advisories_by_severity/CRITICAL").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/advisories_by_severity/IMPORTANT").asInt()).isEqualTo(2);
        assertThat(json.at("/summary/host_updates_by_severity/CRITICAL").asInt()).isEqualTo(6);
        assertThat(json.at("/cycle/stopped_early").asBoolean()).isTrue();
        assertThat(json.at("/cycle/hosts_per_minute").asDouble()).isEqualTo(8.6);
        assertThat(json.at("/hosts/4/insight/root_cause").asText()).isEqualTo(SampleFleet.HOSTILE_ROOT_CAUSE);
        assertThat(json.at("/hosts/6/outcome").asText()).isEqualTo("NOT_STARTED");
    }

    @Test
    void summaryTable_hasOneLinePerHostWithRootCause() {
        String table = new SummaryTable().render(SampleFleet.build());
        assertThat(table.lines().findFirst().orElseThrow())
                .matches("HOST\\s+DISTRO\\s+STATUS\\s+INSTALLED\\s+HELD\\s+REJECTED\\s+ADVISOR\\s+ROOT CAUSE");
        assertThat(table).containsPattern("i-05\\s+\\S+\\s+FAILED\\s+0\\s+1\\s+0\\s+Rules\\s+</b><script>");
        assertThat(table).containsPattern("i-07\\s+-\\s+NOT_STARTED\\s+-\\s+-\\s+-\\s+-\\s+not started \\(max errors reached\\)");
        assertThat(table).containsPattern("i-06\\s+-\\s+FAILED.*\\(no analysis\\) Failed to download metadata");
        assertThat(table).contains("7 hosts: 3 compliant, 1 non-compliant, 2 failed, 1 not started");
    }

    private int tile(String id) {
        Matcher m = Pattern.compile("id=\"tile-" + id + "\"><span class=\"num\">(\\d+)</span>").matcher(html);
        assertThat(m.find()).as("tile %s present", id).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
