package io.patchctl.aws;

import io.patchctl.core.campaign.fleet.CampaignLaunch;
import io.patchctl.core.campaign.fleet.CommandProgress;
import io.patchctl.core.campaign.fleet.FleetCommandException;
import io.patchctl.core.campaign.fleet.FleetCommands;
import io.patchctl.core.campaign.fleet.HostInvocation;
import io.patchctl.core.campaign.fleet.InvocationState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Command;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;
import software.amazon.awssdk.services.ssm.model.InvalidParametersException;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsRequest;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsResponse;
import software.amazon.awssdk.services.ssm.model.ListCommandsResponse;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;
import software.amazon.awssdk.services.ssm.model.SendCommandResponse;
import software.amazon.awssdk.services.ssm.model.Target;

/**
 * {@link FleetCommands} on SSM Run Command: SendCommand of the environment's document
 * ({@code {env}-bedrock-rhel8-patch}) to the hosts tagged {@code PatchGroup=rhel8-{env}} (the names
 * modules/patch-manager gives them), with the campaign's {@code cves}/{@code advisories} document
 * parameters (comma-separated, as the document's allowedPattern expects) and the rate controls;
 * output to {@code s3://{bucket}/bedrock-patch/{env}/} like the maintenance window's task. Progress
 * from ListCommands (the command's status and target count) and ListCommandInvocations (each host).
 */
public final class SsmFleetCommands implements FleetCommands, AutoCloseable {

    private final SsmClient ssm;
    private final String bucket;

    public SsmFleetCommands(SsmClient ssm, String bucket) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** With its own client from the settings (normally {@link AwsClientSettings.Profile#FLEET_COMMANDS}). */
    public static SsmFleetCommands create(AwsClientSettings settings, String bucket) {
        return new SsmFleetCommands(settings.applyTo(SsmClient.builder(), AwsService.SSM).build(), bucket);
    }

    public static String documentName(String environment) {
        return environment + "-bedrock-rhel8-patch";
    }

    public static String patchGroup(String environment) {
        return "rhel8-" + environment;
    }

    @Override
    public SentCommand send(CampaignLaunch launch) {
        String env = launch.environment();
        String ids = String.join(",", launch.selection().ids());
        SendCommandRequest request = SendCommandRequest.builder()
                .documentName(documentName(env))
                .documentVersion("$LATEST")
                .targets(Target.builder().key("tag:PatchGroup").values(patchGroup(env)).build())
                .parameters(Map.of("cves", List.of(String.join(",", launch.selection().cves())),
                        "advisories", List.of(String.join(",", launch.selection().advisories()))))
                .maxConcurrency(SsmRateControls.maxConcurrency(launch.maxConcurrency()))
                .maxErrors(SsmRateControls.maxErrors(launch.maxErrors()))
                .outputS3BucketName(bucket)
                .outputS3KeyPrefix("bedrock-patch/" + env)
                .comment(cut("patchctl campaign " + ids, 100))
                .build();
        try {
            SendCommandResponse response = ssm.sendCommand(request);
            Command command = response.command();
            return new SentCommand(command.commandId(), command.requestedDateTime());
        } catch (InvalidDocumentException e) {
            throw new FleetCommandException("environment '" + env + "' has no Run Command document " + documentName(env)
                    + " in this account and region (is it deployed? terraform apply -var environment=" + env + "): "
                    + e.awsErrorDetails().errorMessage(), e);
        } catch (InvalidParametersException e) {
            throw new FleetCommandException("the document " + documentName(env) + " refused the campaign parameters"
                    + " (is the deployed document older than the cves/advisories parameters?): "
                    + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException e) {
            throw new FleetCommandException("SendCommand of " + documentName(env) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public CommandProgress progress(String commandId) {
        try {
            ListCommandsResponse commands = ssm.listCommands(r -> r.commandId(commandId));
            if (commands.commands().isEmpty()) {
                throw new FleetCommandException("command " + commandId + " is not known to SSM", null);
            }
            Command command = commands.commands().get(0);
            List<HostInvocation> invocations = new ArrayList<>();
            String token = null;
            do {
                String page = token;
                ListCommandInvocationsResponse response = ssm.listCommandInvocations(
                        ListCommandInvocationsRequest.builder().commandId(commandId).maxResults(50).nextToken(page).build());
                for (CommandInvocation i : response.commandInvocations()) {
                    invocations.add(new HostInvocation(i.instanceId(), state(i.statusAsString()), i.statusDetails()));
                }
                token = response.nextToken();
            } while (token != null && !token.isEmpty());
            int targets = command.targetCount() == null ? 0 : command.targetCount();
            return new CommandProgress(state(command.statusAsString()), targets, invocations);
        } catch (SdkException e) {
            throw new FleetCommandException("reading the status of command " + commandId + " failed: " + e.getMessage(), e);
        }
    }

    /** The API's status strings (CommandInvocationStatus / CommandStatus enums of the SSM model). */
    static InvocationState state(String status) {
        return switch (status == null ? "" : status) {
            case "Pending" -> InvocationState.PENDING;
            case "InProgress" -> InvocationState.IN_PROGRESS;
            case "Delayed" -> InvocationState.DELAYED;
            case "Success" -> InvocationState.SUCCESS;
            case "Cancelled" -> InvocationState.CANCELLED;
            case "TimedOut" -> InvocationState.TIMED_OUT;
            case "Failed" -> InvocationState.FAILED;
            case "Cancelling" -> InvocationState.CANCELLING;
            // a status this SDK does not know yet: treat as still running, the wait timeout bounds it
            default -> InvocationState.IN_PROGRESS;
        };
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @Override
    public void close() {
        ssm.close();
    }
}
