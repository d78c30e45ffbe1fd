package io.patchctl.aws;

import io.patchctl.core.compliance.ComplianceItem;
import io.patchctl.core.compliance.ComplianceItems;
import io.patchctl.core.report.RunReport;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ComplianceExecutionSummary;
import software.amazon.awssdk.services.ssm.model.ComplianceItemEntry;
import software.amazon.awssdk.services.ssm.model.ComplianceUploadType;
import software.amazon.awssdk.services.ssm.model.PutComplianceItemsRequest;

/**
 * Reports a run's compliance to SSM (PutComplianceItems, one item per advisory, upload type COMPLETE
 * so fixed advisories disappear), under the compliance type the deployment configured (default
 * {@value ComplianceItems#TYPE}; the EventBridge rule filters on the same value). Items are fitted to
 * the API's limits ({@link SsmComplianceLimits}). Only for EC2 / managed instances; never fails the
 * run: the outcome is returned for the caller to log.
 */
public final class SsmComplianceReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SsmComplianceReporter.class);
    private static final Pattern MANAGED_INSTANCE = Pattern.compile("(i|mi)-[0-9a-f]{8,17}");

    /** What happened; {@code error} is null when sent or deliberately skipped. */
    public record Outcome(boolean sent, int items, String skippedBecause, String error) {
    }

    private final SsmClient ssm;
    private final String complianceType;

    public SsmComplianceReporter(SsmClient ssm) {
        this(ssm, ComplianceItems.TYPE);
    }

    /** @throws IllegalArgumentException when the type is not a custom type the API accepts */
    public SsmComplianceReporter(SsmClient ssm, String complianceType) {
        this.ssm = Objects.requireNonNull(ssm, "ssm");
        this.complianceType = SsmComplianceLimits.complianceType(complianceType);
    }

    /** With its own client built from the settings (normally {@link AwsClientSettings.Profile#COMPLIANCE}). */
    public static SsmComplianceReporter create(AwsClientSettings settings, String complianceType) {
        SsmComplianceLimits.complianceType(complianceType);
        return new SsmComplianceReporter(settings.applyTo(SsmClient.builder(), AwsService.SSM).build(), complianceType);
    }

    /** EC2 ({@code i-…}) and hybrid managed ({@code mi-…}) instances have compliance in SSM. */
    public static boolean isManagedInstance(String instanceId) {
        return instanceId != null && MANAGED_INSTANCE.matcher(instanceId).matches();
    }

    public Outcome report(RunReport report) {
        String instanceId = report.instanceId();
        if (!isManagedInstance(instanceId)) {
            return new Outcome(false, 0, "instance id '" + instanceId + "' is not an EC2 or managed instance", null);
        }
        List<ComplianceItem> items = SsmComplianceLimits.fit(ComplianceItems.of(report));
        PutComplianceItemsRequest request = PutComplianceItemsRequest.builder()
                .resourceId(instanceId)
                .resourceType("ManagedInstance")
                .complianceType(complianceType)
                .executionSummary(ComplianceExecutionSummary.builder()
                        .executionTime(report.timestamp())
                        .executionId(SsmComplianceLimits.cut(report.runId(), SsmComplianceLimits.MAX_EXECUTION_ID))
                        .executionType("Command").build())
                .uploadType(ComplianceUploadType.COMPLETE)
                .items(items.stream().map(SsmComplianceReporter::entry).collect(Collectors.toList()))
                .build();
        try {
            ssm.putComplianceItems(request);
            LOG.info("compliance reported instance={} type={} items={}", instanceId, complianceType, items.size());
            return new Outcome(true, items.size(), null, null);
        } catch (SdkException e) {
            return new Outcome(false, items.size(), null, "PutComplianceItems failed: " + BedrockErrors.oneLine(e.getMessage()));
        }
    }

    private static ComplianceItemEntry entry(ComplianceItem item) {
        return ComplianceItemEntry.builder()
                .id(item.id())
                .title(item.title())
                .severity(item.severity())
                .status(item.status())
                .details(item.details())
                .build();
    }

    @Override
    public void close() {
        ssm.close();
    }
}
