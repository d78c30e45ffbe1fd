package io.patchctl.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.insights.WindowTargetResolver;
import io.patchctl.core.insights.event.FailureEvent;
import io.patchctl.core.json.Json;
import io.patchctl.core.store.ReportKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowExecutionTaskInvocationResponse;

/**
 * Finds the host behind a maintenance-window task invocation with SSM
 * GetMaintenanceWindowExecutionTaskInvocation: its {@code Parameters} name the instance ids and its
 * {@code ExecutionId} is the Run Command id. When SSM cannot answer, no target is returned and the
 * report is keyed by the window execution.
 */
public final class SsmWindowTargetResolver implements WindowTargetResolver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SsmWindowTargetResolver.class);

    private final SsmClient ssm;

    public SsmWindowTargetResolver(SsmClient ssm) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
    }

    public static SsmWindowTargetResolver create(Region region, AwsClientConfig config, Map<String, String> env) {
        SsmClient ssm = config.settings(region, env, AwsClientConfig.endpointOverride(env, "SSM", "Ssm"))
                .applyTo(SsmClient.builder()).build();
        return new SsmWindowTargetResolver(ssm);
    }

    @Override
    public List<Target> resolve(FailureEvent event) {
        if (event.windowExecutionId() == null || event.taskExecutionId() == null || event.invocationId() == null) {
            return List.of();
        }
        GetMaintenanceWindowExecutionTaskInvocationResponse invocation;
        try {
            invocation = ssm.getMaintenanceWindowExecutionTaskInvocation(b -> b.windowExecutionId(event.windowExecutionId())
                    .taskId(event.taskExecutionId()).invocationId(event.invocationId()));
        } catch (SdkException e) {
            LOG.warn("cannot resolve maintenance window targets: windowExecutionId={} error={}", event.windowExecutionId(),
                    e.getMessage());
            return List.of();
        }
        String commandId = safeId(invocation.executionId());
        List<Target> targets = new ArrayList<>();
        for (String instanceId : instanceIds(invocation.parameters())) {
            targets.add(new Target(instanceId, commandId));
        }
        return targets;
    }

    /** The {@code instanceIds} of a Run Command task's parameters JSON; ids that are not key-safe are dropped. */
    static List<String> instanceIds(String parameters) {
        if (parameters == null || parameters.isBlank()) {
            return List.of();
        }
        try {
            JsonNode ids = Json.mapper().readTree(parameters).path("instanceIds");
            List<String> out = new ArrayList<>();
            for (JsonNode id : ids) {
                String safe = id.isTextual() ? safeId(id.textValue()) : null;
                if (safe != null) {
                    out.add(safe);
                }
            }
            return out;
        } catch (IOException e) {
            LOG.warn("maintenance window task parameters are not JSON: error={}", e.getMessage());
            return List.of();
        }
    }

    private static String safeId(String id) {
        try {
            return id == null ? null : ReportKeys.segment(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        ssm.close();
    }
}
