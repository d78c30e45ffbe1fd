package io.patchctl.agent;

import io.patchctl.dnf.DnfPackageManager;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.run.PostRunHook;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code patchctl run} gets its adapters: the one class to edit (or subclass in tests) to
 * plug in the Bedrock advisor, the S3 report store, IMDS and SSM compliance.
 */
public class AgentComponents {

    /** The run's options that adapters may need. */
    public record Settings(String advisor, String modelId, String region, String environment, Path reportDir,
                           String reportBucket, Path installroot, List<String> dnfArgs, Duration dnfTimeout,
                           String bedrockApi, Duration bedrockBudget, boolean planCache, Duration planCacheTtl,
                           boolean compliance, String complianceType, BedrockTuning bedrock) {

        public Settings {
            complianceType = complianceType == null ? io.patchctl.core.compliance.ComplianceItems.TYPE : complianceType;
            bedrock = bedrock == null ? BedrockTuning.defaults() : bedrock;
        }

        /** With the default compliance type and no Bedrock tuning (no reasoning, no guardrail, structured output on). */
        public Settings(String advisor, String modelId, String region, String environment, Path reportDir,
                        String reportBucket, Path installroot, List<String> dnfArgs, Duration dnfTimeout,
                        String bedrockApi, Duration bedrockBudget, boolean planCache, Duration planCacheTtl,
                        boolean compliance) {
            this(advisor, modelId, region, environment, reportDir, reportBucket, installroot, dnfArgs, dnfTimeout,
                    bedrockApi, bedrockBudget, planCache, planCacheTtl, compliance,
                    io.patchctl.core.compliance.ComplianceItems.TYPE, BedrockTuning.defaults());
        }

        /** The run options without the Bedrock/cache/compliance ones: their defaults. */
        public Settings(String advisor, String modelId, String region, String environment, Path reportDir,
                        String reportBucket, Path installroot, List<String> dnfArgs, Duration dnfTimeout) {
            this(advisor, modelId, region, environment, reportDir, reportBucket, installroot, dnfArgs, dnfTimeout,
                    "invoke-model", Duration.ofSeconds(120), true, Duration.ofDays(7), true);
        }
    }

    private final AwsAdapters aws = new AwsAdapters(System.getenv());

    public PackageManager packageManager(Settings s) {
        return new DnfPackageManager(s.installroot(), s.dnfArgs(), Map.of(), s.dnfTimeout(), new ProcessRunner());
    }

    /**
     * {@code rules}, or {@code bedrock}: Claude through the plan cache (in the report bucket, else the
     * report dir), falling back to rules with the reason recorded.
     */
    public Advisor advisor(Settings s) {
        if ("rules".equals(s.advisor())) {
            return new RulesAdvisor();
        }
        Optional<ReportStore> cacheStore = s.reportBucket() != null ? Optional.of(aws.bucketStore(s))
                : Optional.ofNullable(s.reportDir()).map(DirectoryReportStore::new);
        return aws.bedrockAdvisor(s, cacheStore, RunCommand.hostname());
    }

    public List<ReportStore> stores(Settings s) {
        List<ReportStore> stores = new ArrayList<>();
        if (s.reportDir() != null) {
            stores.add(new DirectoryReportStore(s.reportDir()));
        }
        if (s.reportBucket() != null) {
            stores.add(aws.bucketStore(s));
        }
        return stores;
    }

    /** SSM PutComplianceItems unless {@code --no-compliance} (skipped off EC2); last, closing the run's AWS clients. */
    public List<PostRunHook> hooks(Settings s) {
        List<PostRunHook> hooks = new ArrayList<>();
        if (s.compliance()) {
            hooks.add(aws.complianceHook(s));
        }
        hooks.add(report -> aws.close());
        return hooks;
    }

    /** The EC2 instance id from IMDSv2 (600 ms bound); empty offline, then the hostname is used. */
    public Optional<String> instanceId(Settings s) {
        return aws.instanceId();
    }
}
