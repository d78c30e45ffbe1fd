package io.patchctl.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.quarantine.QuarantineSection;
import java.util.List;

/**
 * The circuit breaker's part of one host in the fleet report.
 *
 * @param held     quarantined packages this host held (it was saved from the failure)
 * @param recorded packages this host failed on and quarantined
 */
public record HostQuarantine(List<Mark> held, List<Mark> recorded) {

    /**
     * @param failedOn the host whose failure the quarantine records (for {@code recorded}: this host)
     * @param outcome  for {@code recorded}: CREATED, JOINED, REPLACED or NOT_STORED; else empty
     */
    public record Mark(String packageName, String evr, String failureClass, String failedOn, String outcome) {
    }

    public static final HostQuarantine NONE = new HostQuarantine(List.of(), List.of());

    public HostQuarantine {
        held = held == null ? List.of() : List.copyOf(held);
        recorded = recorded == null ? List.of() : List.copyOf(recorded);
    }

    static HostQuarantine of(QuarantineSection section, String instanceId) {
        if (section == null) {
            return NONE;
        }
        return new HostQuarantine(
                section.held().stream().map(e -> new Mark(e.record().packageName(), e.record().evr(),
                        e.record().failureClass(), e.record().instanceId(), "")).toList(),
                section.recorded().stream().map(r -> new Mark(r.packageName(), r.evr(), r.failureClass(), instanceId,
                        r.outcome())).toList());
    }

    /** From RunReport JSON, field by field (reports of older agents have no {@code quarantine}). */
    static HostQuarantine fromJson(JsonNode quarantine, String instanceId) {
        if (quarantine == null || !quarantine.isObject()) {
            return NONE;
        }
        return new HostQuarantine(
                JsonFields.list(quarantine, "held", e -> {
                    JsonNode r = JsonFields.object(e, "record");
                    return new Mark(JsonFields.text(r, "package_name", ""), JsonFields.text(r, "evr", ""),
                            JsonFields.text(r, "failure_class", ""), JsonFields.text(r, "instance_id", ""), "");
                }),
                JsonFields.list(quarantine, "recorded", r -> new Mark(JsonFields.text(r, "package_name", ""),
                        JsonFields.text(r, "evr", ""), JsonFields.text(r, "failure_class", ""), instanceId,
                        JsonFields.text(r, "outcome", ""))));
    }
}
