package io.patchctl.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.quarantine.QuarantineEntry;
import io.patchctl.core.quarantine.QuarantineRecord;
import io.patchctl.core.quarantine.QuarantineSection;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.report.RunStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's view of the circuit breaker, from stored RunReports (typed and field by field). */
class FleetQuarantineTest {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final QuarantineRecord RECORD = new QuarantineRecord(null, "dev", "tzdata-broken", "2026a-1.el8",
            "tzdata-broken-2026a-1.el8.noarch", "SCRIPTLET", null, "Error in PREIN scriptlet", "i-0aaa", "r1", T,
            T.plusSeconds(86_400));

    static RunReport report(String instance, RunStatus status, QuarantineSection section) {
        return RunReport.builder().runId("run-" + instance).timestamp(T).environment("dev").instanceId(instance)
                .status(status).exitCode(status == RunStatus.FAILED ? 4 : 3).quarantine(section).build();
    }

    static HostResult viaJson(RunReport r) {
        JsonNode json = Json.mapper().valueToTree(r);
        return HostResult.fromRunReport("k", json);
    }

    @Test
    void of_firstFailureAndHeldHosts_namesTheFirstTheFailedAndTheSaved() {
        RunReport first = report("i-0aaa", RunStatus.FAILED, new QuarantineSection(QuarantineSection.State.ON, "mem",
                List.of(), List.of(), List.of(),
                List.of(new QuarantineSection.Recorded("tzdata-broken", "2026a-1.el8", "SCRIPTLET", "CREATED", null))));
        RunReport racer = report("i-0bbb", RunStatus.FAILED, new QuarantineSection(QuarantineSection.State.ON, "mem",
                List.of(), List.of(), List.of(),
                List.of(new QuarantineSection.Recorded("tzdata-broken", "2026a-1.el8", "SCRIPTLET", "JOINED", null))));
        QuarantineSection held = new QuarantineSection(QuarantineSection.State.ON, "mem",
                List.of(new QuarantineEntry(RECORD, List.of("i-0aaa", "i-0bbb"))), List.of(), List.of(), List.of());
        RunReport saved1 = report("i-0ccc", RunStatus.NON_COMPLIANT, held);
        RunReport saved2 = report("i-0ddd", RunStatus.NON_COMPLIANT, held);

        // the typed path and the field-by-field path read the same
        List<HostResult> hosts = List.of(HostResult.fromRunReport("k", first), viaJson(racer), viaJson(saved1),
                HostResult.fromRunReport("k", saved2));
        List<FleetQuarantine.Entry> entries = FleetQuarantine.of(hosts);

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.packageName()).isEqualTo("tzdata-broken");
            assertThat(e.evr()).isEqualTo("2026a-1.el8");
            assertThat(e.failureClass()).isEqualTo("SCRIPTLET");
            assertThat(e.firstFailedOn()).isEqualTo("i-0aaa");
            assertThat(e.failedOn()).containsExactly("i-0aaa", "i-0bbb");
            assertThat(e.saved()).containsExactly("i-0ccc", "i-0ddd");
        });
        JsonNode fleet = new FleetReportJson().toJson(new FleetReport(T, "test", "dev", null, hosts, List.of()));
        assertThat(fleet.at("/quarantine/0/saved")).hasSize(2);
    }

    @Test
    void of_reportsWithoutQuarantine_isEmpty() {
        HostResult old = HostResult.fromRunReport("k", Json.mapper().createObjectNode().put("instance_id", "i-0old")
                .put("status", "COMPLIANT"));

        assertThat(old.quarantine()).isEqualTo(HostQuarantine.NONE);
        assertThat(FleetQuarantine.of(List.of(old))).isEmpty();
    }
}
