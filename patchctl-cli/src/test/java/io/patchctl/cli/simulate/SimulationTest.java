package io.patchctl.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.lab.Lab;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestration of a cycle with the agent and the insights code replaced by fakes (their ports):
 * real lab hosts, real scheduler and store. The end-to-end run with the real agent is in SimulateCommandTest.
 */
class SimulationTest {

    @TempDir
    Path tmp;

    /** Fails the hosts the lab builds to fail, with the exit code the agent gives a failed transaction. */
    private static HostAgent fakeAgent() {
        return (host, labHost, env, store) -> {
            assertThat(Files.isDirectory(labHost.installroot().resolve("var/lib/rpm"))).isTrue();
            boolean fails = host.profile().expected() == HostOutcome.FAILED;
            ObjectNode report = Json.mapper().createObjectNode();
            report.put("timestamp", Instant.now().toString());
            report.put("environment", env);
            report.put("instance_id", host.instanceId());
            report.put("status", fails ? "FAILED" : "COMPLIANT");
            report.put("exit_code", fails ? 4 : 0);
            report.putArray("discovered").addObject().put("advisory_id", "RHSA-1").put("name", host.profile().label())
                    .put("available_evr", "1-1");
            report.putObject("advisor").put("kind", "rules");
            String key = ReportKeys.runReport(env, host.instanceId(), Instant.now(), "abcd1234");
            store.put(key, Json.bytes(report));
            return new AgentResult(fails ? 4 : 0, report, key, fails ? "dnf said no" : "");
        };
    }

    @Test
    void run_failuresBecomeCommandInvocationEventsAndGetAnalysed() {
        DirectoryReportStore store = new DirectoryReportStore(tmp.resolve("reports"));
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        FailureAnalyzer analyzer = event -> {
            JsonNode e;
            try {
                e = Json.mapper().readTree(event);
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
            received.add(e);
            String id = e.at("/detail/instance-id").asText();
            ObjectNode insight = Json.mapper().createObjectNode();
            insight.put("timestamp", e.get("time").asText());
            insight.putObject("analysis").put("root_cause", "cause for " + id);
            String key = ReportKeys.insightReport("dev", id, Instant.parse(e.get("time").asText()), null);
            store.put(key, Json.bytes(insight));
            return Optional.of(new FailureAnalyzer.StoredInsight(key, insight));
        };
        Simulation sim = new Simulation(Lab.build(StandardLabs.failing()), fakeAgent(), analyzer, store, Clock.systemUTC());

        Simulation.Result result = sim.run(new Simulation.Settings(8, "3", "50%", "dev", "rules", "123456789012",
                "us-east-2", "patchctl-run-patch", tmp.resolve("hosts"), false), FleetScheduler.silent());

        List<HostOutcome> outcomes = result.report().hosts().stream().map(HostResult::outcome).toList();
        List<HostOutcome> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add(HostProfile.forIndex(i).expected());
        }
        assertThat(outcomes).isEqualTo(expected);
        assertThat(received).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("detail-type").asText()).isEqualTo("EC2 Command Invocation Status-change Notification");
            assertThat(e.at("/detail/status").asText()).isEqualTo("Failed");
            assertThat(e.at("/detail/command-id").asText()).isEqualTo(result.report().cycle().commandId());
        });
        assertThat(result.report().failures()).allSatisfy(h ->
                assertThat(h.insight().rootCause()).isEqualTo("cause for " + h.instanceId()));
        // Run Command's output is where the insights code looks for it
        String failedId = result.report().failures().get(0).instanceId();
        String stderrKey = ReportKeys.commandOutputPrefix("dev", result.report().cycle().commandId(), failedId)
                + Simulation.STDERR_SUFFIX;
        assertThat(store.get(stderrKey)).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("dnf said no"));
        assertThat(result.report().cycle().distinctUpdateSets()).isEqualTo(6);
        assertThat(Files.exists(tmp.resolve("hosts"))).as("installroots removed").isTrue();
        assertThat(tmp.resolve("hosts").toFile().list()).isEmpty();
    }

    @Test
    void run_analyzerThatThrows_keepsTheHostAndNamesTheProblem() {
        DirectoryReportStore store = new DirectoryReportStore(tmp.resolve("reports"));
        Simulation sim = new Simulation(Lab.build(StandardLabs.failing()), fakeAgent(), event -> {
            throw new IllegalStateException("model said nothing");
        }, store, Clock.systemUTC());

        Simulation.Result result = sim.run(new Simulation.Settings(3, "3", "100%", "dev", "rules", "123456789012",
                "us-east-2", "doc", tmp.resolve("hosts"), false), FleetScheduler.silent());

        assertThat(result.report().hosts()).hasSize(3);
        assertThat(result.report().hosts().get(2).outcome()).isEqualTo(HostOutcome.FAILED);
        assertThat(result.report().hosts().get(2).insight()).isNull();
        assertThat(result.report().problems()).containsExactly(
                SimulatedHost.of(2).instanceId() + ": failure analysis failed: model said nothing");
    }

    @Test
    void run_whenInsightReportsCannotBeStored_keepsEveryHostAndCountsTheLoss() {
        DirectoryReportStore store = new DirectoryReportStore(tmp.resolve("reports"));
        Simulation sim = new Simulation(Lab.build(StandardLabs.failing()), fakeAgent(), event -> {
            throw new io.patchctl.core.store.StoreUnavailableException("bucket unreachable");
        }, store, Clock.systemUTC());

        Simulation.Result result = sim.run(new Simulation.Settings(6, "6", "100%", "dev", "rules", "123456789012",
                "us-east-2", "doc", tmp.resolve("hosts"), false), FleetScheduler.silent());

        assertThat(result.report().hosts()).hasSize(6);
        assertThat(result.unstored()).isEqualTo(2);
        assertThat(result.events()).hasSize(2);
        assertThat(result.report().problems()).containsExactly(
                SimulatedHost.of(2).instanceId() + ": the failure analysis could not be stored: bucket unreachable",
                SimulatedHost.of(5).instanceId() + ": the failure analysis could not be stored: bucket unreachable");
    }
}
