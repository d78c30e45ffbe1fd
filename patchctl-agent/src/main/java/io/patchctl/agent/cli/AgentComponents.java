package io.patchctl.agent.cli;

import io.patchctl.agent.dnf.DnfPackageManager;
import io.patchctl.agent.process.ProcessRunner;
import io.patchctl.agent.workflow.PostRunHook;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.plan.Advisor;
import io.patchctl.core.plan.RulesAdvisor;
import io.patchctl.core.store.DirectoryReportStore;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.StoreUnavailableException;
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
                           String reportBucket, Path installroot, List<String> dnfArgs, Duration dnfTimeout) {
    }

    public PackageManager packageManager(Settings s) {
        return new DnfPackageManager(s.installroot(), s.dnfArgs(), Map.of(), s.dnfTimeout(), new ProcessRunner());
    }

    /** {@code rules}, or {@code bedrock} — which, until the Bedrock advisor is wired, plans by rules and says so. */
    public Advisor advisor(Settings s) {
        if ("rules".equals(s.advisor())) {
            return new RulesAdvisor();
        }
        return new RulesFallbackAdvisor(s.modelId(),
                "bedrock advisor is not wired into this build yet; planned by rules");
    }

    public List<ReportStore> stores(Settings s) {
        List<ReportStore> stores = new ArrayList<>();
        if (s.reportDir() != null) {
            stores.add(new DirectoryReportStore(s.reportDir()));
        }
        if (s.reportBucket() != null) {
            stores.add(new UnwiredBucketStore(s.reportBucket()));
        }
        return stores;
    }

    public List<PostRunHook> hooks(Settings s) {
        return List.of();
    }

    /** The EC2 instance id when the platform can tell (IMDS); empty offline, then the hostname is used. */
    public Optional<String> instanceId(Settings s) {
        return Optional.empty();
    }

    /** Stands in for the S3 store until it is wired: every write fails, so the report is spooled (exit 5), never lost. */
    static final class UnwiredBucketStore implements ReportStore {
        private final String bucket;

        UnwiredBucketStore(String bucket) {
            this.bucket = bucket;
        }

        private StoreUnavailableException unwired() {
            return new StoreUnavailableException("the S3 report store is not wired into this build yet (bucket " + bucket + ")");
        }

        @Override
        public void put(String key, byte[] body) {
            throw unwired();
        }

        @Override
        public boolean putIfAbsent(String key, byte[] body) {
            throw unwired();
        }

        @Override
        public Optional<byte[]> get(String key) {
            throw unwired();
        }

        @Override
        public List<String> list(String prefix) {
            throw unwired();
        }

        @Override
        public void delete(String key) {
            throw unwired();
        }

        @Override
        public String describe() {
            return "s3://" + bucket;
        }
    }
}
