package io.patchctl.agent;

import io.patchctl.dnf.DnfPackageManager;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.aws.BedrockModels;
import io.patchctl.core.compliance.ComplianceItems;
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
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code patchctl run} gets its adapters: the one class to edit (or subclass in tests) to
 * plug in the Bedrock advisor, the S3 report store, IMDS and SSM compliance.
 */
public class AgentComponents {

    /**
     * The run's options that adapters may need; built with {@link #builder()}, where every option not
     * set has the default of {@code patchctl run}.
     */
    public static final class Settings {
        private final String advisor;
        private final String modelId;
        private final String region;
        private final String environment;
        private final Path reportDir;
        private final String reportBucket;
        private final Path installroot;
        private final List<String> dnfArgs;
        private final Duration dnfTimeout;
        private final String bedrockApi;
        private final Duration bedrockBudget;
        private final boolean planCache;
        private final Duration planCacheTtl;
        private final boolean compliance;
        private final String complianceType;
        private final BedrockTuning bedrock;

        private Settings(Builder b) {
            this.advisor = Objects.requireNonNull(b.advisor, "advisor");
            this.modelId = b.modelId == null || b.modelId.isBlank() ? BedrockModels.DEFAULT_MODEL_ID : b.modelId;
            this.region = b.region == null || b.region.isBlank() ? BedrockModels.DEFAULT_REGION : b.region;
            this.environment = Objects.requireNonNull(b.environment, "environment");
            this.reportDir = b.reportDir;
            this.reportBucket = b.reportBucket;
            this.installroot = Objects.requireNonNull(b.installroot, "installroot");
            this.dnfArgs = List.copyOf(b.dnfArgs);
            this.dnfTimeout = Objects.requireNonNull(b.dnfTimeout, "dnfTimeout");
            this.bedrockApi = Objects.requireNonNull(b.bedrockApi, "bedrockApi");
            this.bedrockBudget = Objects.requireNonNull(b.bedrockBudget, "bedrockBudget");
            this.planCache = b.planCache;
            this.planCacheTtl = Objects.requireNonNull(b.planCacheTtl, "planCacheTtl");
            this.compliance = b.compliance;
            this.complianceType = b.complianceType == null ? ComplianceItems.TYPE : b.complianceType;
            this.bedrock = b.bedrock == null ? BedrockTuning.defaults() : b.bedrock;
        }

        public static Builder builder() {
            return new Builder();
        }

        public String advisor() {
            return advisor;
        }

        public String modelId() {
            return modelId;
        }

        public String region() {
            return region;
        }

        public String environment() {
            return environment;
        }

        /** Null when reports are not written to a directory. */
        public Path reportDir() {
            return reportDir;
        }

        /** Null when reports are not written to S3. */
        public String reportBucket() {
            return reportBucket;
        }

        public Path installroot() {
            return installroot;
        }

        public List<String> dnfArgs() {
            return dnfArgs;
        }

        public Duration dnfTimeout() {
            return dnfTimeout;
        }

        public String bedrockApi() {
            return bedrockApi;
        }

        public Duration bedrockBudget() {
            return bedrockBudget;
        }

        public boolean planCache() {
            return planCache;
        }

        public Duration planCacheTtl() {
            return planCacheTtl;
        }

        public boolean compliance() {
            return compliance;
        }

        public String complianceType() {
            return complianceType;
        }

        public BedrockTuning bedrock() {
            return bedrock;
        }

        /** Defaults: rules advisor, env "dev", installroot "/", dnf timeout 30 min, Bedrock as {@code patchctl run}'s. */
        public static final class Builder {
            private String advisor = "rules";
            private String modelId;
            private String region;
            private String environment = "dev";
            private Path reportDir;
            private String reportBucket;
            private Path installroot = Path.of("/");
            private List<String> dnfArgs = List.of();
            private Duration dnfTimeout = Duration.ofMinutes(30);
            private String bedrockApi = "invoke-model";
            private Duration bedrockBudget = Duration.ofSeconds(120);
            private boolean planCache = true;
            private Duration planCacheTtl = Duration.ofDays(7);
            private boolean compliance = true;
            private String complianceType;
            private BedrockTuning bedrock;

            private Builder() {
            }

            public Builder advisor(String advisor) {
                this.advisor = advisor;
                return this;
            }

            /** Model id and region; null or blank = the defaults of {@link BedrockModels}. */
            public Builder model(String modelId, String region) {
                this.modelId = modelId;
                this.region = region;
                return this;
            }

            public Builder environment(String environment) {
                this.environment = environment;
                return this;
            }

            /** Where reports go: a directory and/or a bucket, either may be null. */
            public Builder reports(Path reportDir, String reportBucket) {
                this.reportDir = reportDir;
                this.reportBucket = reportBucket;
                return this;
            }

            public Builder dnf(Path installroot, List<String> dnfArgs, Duration dnfTimeout) {
                this.installroot = installroot;
                this.dnfArgs = dnfArgs;
                this.dnfTimeout = dnfTimeout;
                return this;
            }

            /** The Bedrock call: API, overall budget and tuning (null = no reasoning, no guardrail). */
            public Builder bedrock(String bedrockApi, Duration bedrockBudget, BedrockTuning tuning) {
                this.bedrockApi = bedrockApi;
                this.bedrockBudget = bedrockBudget;
                this.bedrock = tuning;
                return this;
            }

            public Builder planCache(boolean enabled, Duration ttl) {
                this.planCache = enabled;
                this.planCacheTtl = ttl;
                return this;
            }

            /** SSM compliance after the run; a null type = the default compliance type. */
            public Builder compliance(boolean enabled, String complianceType) {
                this.compliance = enabled;
                this.complianceType = complianceType;
                return this;
            }

            public Settings build() {
                return new Settings(this);
            }
        }
    }

    private final AwsAdapters aws = new AwsAdapters(System.getenv());

    public PackageManager packageManager(Settings s) {
        return new DnfPackageManager(s.installroot(), s.dnfArgs(), Map.of(), s.dnfTimeout(), new ProcessRunner());
    }

    /** Runs the policy's operator hooks (pre_install, post_install) as processes on this host. */
    public io.patchctl.core.hooks.HookRunner hookRunner(Settings s) {
        return new io.patchctl.dnf.ProcessHookRunner();
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

    /**
     * Where the per-update circuit breaker keeps the environment's quarantine: the report bucket (shared by
     * the fleet), else the report dir; none without either (the breaker is then off).
     */
    public Optional<ReportStore> quarantineStore(Settings s) {
        return s.reportBucket() != null ? Optional.of(aws.bucketStore(s))
                : Optional.ofNullable(s.reportDir()).map(DirectoryReportStore::new);
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

    /** The run's clock: its report timestamp and the UTC date approval age and exceptions are judged on. */
    public java.time.Clock clock() {
        return java.time.Clock.systemUTC();
    }

    /**
     * The kernel the host runs ({@code uname -r}): read from /proc when patching {@code /}; unknown for another
     * installroot, whose kernel is not the one running (the lab overrides this to simulate a reboot).
     */
    public io.patchctl.core.host.RunningKernel runningKernel(Settings s) {
        return s.installroot().equals(Path.of("/")) ? ProcRunningKernel.linux() : io.patchctl.core.host.RunningKernel.unknown();
    }

    /** The EC2 instance id from IMDSv2 (600 ms bound); empty offline, then the hostname is used. */
    public Optional<String> instanceId(Settings s) {
        return aws.instanceId();
    }
}
