package io.patchctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.cli.simulate.HostProfile;
import io.patchctl.cli.simulate.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-update circuit breaker in {@code patchctl simulate}: real dnf, the real agent workflow, one
 * shared directory store. Hosts run one at a time (concurrency 1), so which host is first is fixed: of
 * the eleven, hosts 2 and 10 have the package whose %pre fails ({@link HostProfile#BROKEN_SCRIPTLET}).
 */
class SimulateQuarantineTest {

    static final int FIRST = 2;
    /** The next host of the same (broken-scriptlet) profile: one turn of the profile rotation later. */
    static final int LATER = FIRST + HostProfile.ROTATION.size();
    static final String HOSTS = String.valueOf(LATER + 1);

    @TempDir
    Path tmp;

    @Test
    void simulate_firstHostFailsOnTheScriptlet_laterHostHoldsItAndPatchesTheRest() throws Exception {
        assertThat(HostProfile.forIndex(FIRST)).isEqualTo(HostProfile.BROKEN_SCRIPTLET);
        assertThat(HostProfile.forIndex(LATER)).isEqualTo(HostProfile.BROKEN_SCRIPTLET);

        SimulateCommandTest.Run run = SimulateCommandTest.simulate(tmp.resolve("on"), "--hosts", HOSTS, "--concurrency", "1");

        JsonNode fleet = run.fleetJson();
        JsonNode hosts = fleet.get("hosts");
        assertThat(hosts.get(FIRST).get("outcome").asText()).as(run.stderr()).isEqualTo("FAILED");
        JsonNode later = hosts.get(LATER);
        assertThat(later.get("outcome").asText()).isEqualTo("NON_COMPLIANT");
        assertThat(later.get("exit_code").asInt()).isEqualTo(3);
        assertThat(later.get("held")).anySatisfy(h -> {
            assertThat(h.get("name").asText()).isEqualTo("tzdata-broken");
            assertThat(h.get("reason").asText()).startsWith("quarantined: tzdata-broken-2026a-1.el8 failed on "
                    + SimulatedHost.of(FIRST).instanceId() + ": scriptlet");
        });
        // the saved host installed everything its twin did: the twin's dnf applied the rest around the failed %pre
        assertThat(later.get("installed")).hasSameSizeAs(hosts.get(FIRST).get("installed")).isNotEmpty();
        assertThat(later.path("error").asText("")).as("a saved host did not fail").doesNotContain("scriptlet");

        assertThat(fleet.get("quarantine")).singleElement().satisfies(q -> {
            assertThat(q.get("package_name").asText()).isEqualTo("tzdata-broken");
            assertThat(q.get("failure_class").asText()).isEqualTo("SCRIPTLET");
            assertThat(q.get("first_failed_on").asText()).isEqualTo(SimulatedHost.of(FIRST).instanceId());
            assertThat(texts(q.get("failed_on"))).containsExactly(SimulatedHost.of(FIRST).instanceId());
            assertThat(texts(q.get("saved"))).containsExactly(SimulatedHost.of(LATER).instanceId());
        });
        assertThat(run.stdout()).contains("Quarantined: tzdata-broken-2026a-1.el8 (SCRIPTLET) failed on 1 host(s), first "
                + SimulatedHost.of(FIRST).instanceId() + "; held by 1 host(s)");
        String html = Files.readString(run.out().resolve("fleet-report.html"));
        assertThat(html).contains("<section id=\"quarantine\">").contains("<tr data-package=\"tzdata-broken\">");
        assertThat(run.out().resolve("bedrock-patch-quarantine/dev/tzdata-broken.json")).exists();
    }

    @Test
    void simulate_noQuarantine_everyHostWithTheBadUpdateFails() throws Exception {
        SimulateCommandTest.Run run = SimulateCommandTest.simulate(tmp.resolve("off"), "--hosts", HOSTS, "--concurrency", "1",
                "--no-quarantine");

        JsonNode fleet = run.fleetJson();
        assertThat(fleet.get("hosts").get(FIRST).get("outcome").asText()).as(run.stderr()).isEqualTo("FAILED");
        assertThat(fleet.get("hosts").get(LATER).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(fleet.get("quarantine")).isEmpty();
        assertThat(Files.readString(run.out().resolve("fleet-report.html"))).doesNotContain("id=\"quarantine\"");
        assertThat(run.out().resolve("bedrock-patch-quarantine")).doesNotExist();
    }

    @Test
    void simulate_secondCycleInTheSameStore_startsWithoutTheEarlierCyclesQuarantine() throws Exception {
        Path out = tmp.resolve("twice");
        SimulateCommandTest.simulate(out, "--hosts", "3", "--concurrency", "1");
        assertThat(out.resolve("bedrock-patch-quarantine/dev/tzdata-broken.json")).exists();

        SimulateCommandTest.Run again = SimulateCommandTest.simulate(out, "--hosts", "3", "--concurrency", "1");

        assertThat(again.stderr()).contains("cleared the quarantine of an earlier cycle: tzdata-broken");
        assertThat(again.fleetJson().get("hosts").get(FIRST).get("outcome").asText()).isEqualTo("FAILED");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
