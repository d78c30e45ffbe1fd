package io.patchctl.cli.fleetreport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fleet report opened in real headless Chromium; screenshots are kept under target/ as artefacts. */
class FleetReportBrowserTest {

    static final Path ARTEFACTS = Path.of("target", "fleet-report-artefacts");
    private static Path page;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void writePage() throws Exception {
        Files.createDirectories(ARTEFACTS);
        page = ARTEFACTS.resolve("sample-fleet-report.html").toAbsolutePath();
        Files.writeString(page, new FleetReportHtml().render(SampleFleet.build()), StandardCharsets.UTF_8);
        chromium = new HeadlessChromium(Files.createDirectories(Path.of("target", "chromium-tmp")).toAbsolutePath());
    }

    @Test
    void page_rendersCountsAndAnalysesAndRunsNoInjectedMarkup() throws Exception {
        String dom = chromium.dumpDom(page);

        assertThat(dom).contains("<title>Fleet patch report · dev · 7 hosts</title>");
        assertThat(num(dom, "outcome-COMPLIANT")).isEqualTo(3);
        assertThat(num(dom, "outcome-FAILED")).isEqualTo(2);
        assertThat(num(dom, "outcome-NON_COMPLIANT")).isEqualTo(1);
        assertThat(num(dom, "outcome-NOT_STARTED")).isEqualTo(1);
        // each failure's analysis is on the page, as text
        assertThat(dom).contains("Allowed updates remain after the transaction");
        assertThat(dom).contains("The %pre scriptlet of badpkg exits 1");
        assertThat(dom).contains("aws ssm list-command-invocations --instance-id i-05 --region us-east-2 --details");
        assertThat(dom).contains("No failure analysis stored for this host.");
        // the hostile root cause and package name are text, not elements: no script, no img in the DOM
        assertThat(dom.split("<script", -1)).as("only the page's own script").hasSize(2);
        assertThat(dom).doesNotContain("<img").doesNotContain("pwned</title>");
        assertThat(dom).contains("&lt;/b&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;Scriptlet &amp; &lt;i&gt;");
        // charts rendered as SVG with the right bars
        assertThat(dom).containsPattern("data-severity=\"CRITICAL\" data-count=\"1\"");
        assertThat(dom).containsPattern("data-severity=\"IMPORTANT\" data-count=\"2\"");
    }

    @Test
    void page_screenshotsOnPhoneAndDesktop() throws Exception {
        Path phone = ARTEFACTS.resolve("fleet-report-phone.png").toAbsolutePath();
        Path desktop = ARTEFACTS.resolve("fleet-report-desktop.png").toAbsolutePath();
        chromium.screenshot(page, phone, 412, 2600);
        chromium.screenshot(page, desktop, 1280, 2000);

        assertThat(pngWidth(phone)).isEqualTo(412);
        assertThat(pngWidth(desktop)).isEqualTo(1280);
    }

    private static int num(String dom, String tile) {
        Matcher m = Pattern.compile("id=\"tile-" + tile + "\"><span class=\"num\">(\\d+)</span>").matcher(dom);
        assertThat(m.find()).as("tile %s rendered", tile).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** PNG IHDR width: bytes 16..19 big-endian. */
    private static int pngWidth(Path png) throws Exception {
        byte[] b = Files.readAllBytes(png);
        assertThat(b[1]).isEqualTo((byte) 'P');
        return ((b[16] & 0xff) << 24) | ((b[17] & 0xff) << 16) | ((b[18] & 0xff) << 8) | (b[19] & 0xff);
    }
}
