package io.patchctl.core.campaign.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.campaign.CampaignReport;
import io.patchctl.core.internal.json.Json;
import io.patchctl.core.report.RunReport;
import io.patchctl.core.store.ReportKeys;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.SingleFlight;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code patchctl campaign}: sends the campaign through {@link FleetCommands}, polls until every host
 * finished or the wait timeout passed (clock and sleeper injected: no wall-clock in tests), then reads
 * each host's RunReport of this campaign from the report store.
 *
 * <p>A host's report is the newest under {@code bedrock-patch-runs/{env}/{instance}/} that is not older
 * than the command (less {@link #CLOCK_SKEW}, hosts' clocks are not the service's) and whose campaign
 * asked for exactly these ids: an older run, or another campaign's, is never taken for this one.
 */
public final class CampaignRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignRunner.class);
    /** How far a host's clock may run behind SSM's and its report still count. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private final FleetCommands commands;
    private final ReportStore store;
    private final Clock clock;
    private final SingleFlight.Sleeper sleeper;
    private final Duration pollInterval;
    private final Duration waitTimeout;
    private final Consumer<String> progress;

    public CampaignRunner(FleetCommands commands, ReportStore store, Clock clock, SingleFlight.Sleeper sleeper,
                          Duration pollInterval, Duration waitTimeout, Consumer<String> progress) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (pollInterval.isNegative() || pollInterval.isZero() || waitTimeout.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be > 0 and waitTimeout >= 0");
        }
        this.pollInterval = pollInterval;
        this.waitTimeout = waitTimeout;
        this.progress = progress == null ? s -> { } : progress;
    }

    /** @throws FleetCommandException when the command cannot be sent or followed */
    public CampaignResults run(CampaignLaunch launch) {
        FleetCommands.SentCommand sent = commands.send(launch);
        progress.accept("sent command " + sent.commandId() + " to PatchGroup rhel8-" + launch.environment());
        Instant deadline = clock.instant().plus(waitTimeout);
        CommandProgress now = commands.progress(sent.commandId());
        String last = "";
        while (!now.finished() && clock.instant().isBefore(deadline)) {
            String line = summary(now);
            if (!line.equals(last)) {
                progress.accept(line);
                last = line;
            }
            try {
                sleeper.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = commands.progress(sent.commandId());
        }
        boolean timedOut = !now.finished();
        progress.accept(summary(now) + (timedOut ? " (wait timeout reached)" : ""));
        Instant since = (sent.requestedAt() == null ? Instant.EPOCH : sent.requestedAt()).minus(CLOCK_SKEW);
        List<HostCampaignResult> hosts = new ArrayList<>();
        for (HostInvocation invocation : now.invocations()) {
            Optional<CampaignReport> report = report(launch, invocation.instanceId(), since);
            String note = report.isPresent() ? null : invocation.state().terminal()
                    ? "no RunReport of this campaign in " + store.describe() + "/"
                    + ReportKeys.runReportPrefix(launch.environment(), invocation.instanceId())
                    + " (invocation " + invocation.state() + (invocation.statusDetails().isEmpty() ? "" : ": "
                    + invocation.statusDetails()) + ")"
                    : "invocation still " + invocation.state() + " when the wait ended";
            hosts.add(new HostCampaignResult(invocation, report.orElse(null), note));
        }
        return new CampaignResults(launch.environment(), launch.selection(), sent.commandId(), timedOut, hosts);
    }

    private static String summary(CommandProgress p) {
        long done = p.invocations().stream().filter(i -> i.state().terminal()).count();
        return "command " + p.state() + ": " + done + "/" + Math.max(p.targetCount(), p.invocations().size()) + " hosts finished";
    }

    private Optional<CampaignReport> report(CampaignLaunch launch, String instanceId, Instant since) {
        String prefix;
        try {
            prefix = ReportKeys.runReportPrefix(launch.environment(), instanceId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<String> keys = store.list(prefix);
        var asked = new HashSet<>(launch.selection().ids());
        for (int i = keys.size() - 1; i >= 0; i--) {
            String key = keys.get(i);
            Optional<Instant> at = keyTime(key.substring(prefix.length()));
            if (at.isPresent() && at.get().isBefore(since)) {
                break; // keys sort by time: every older one is older still
            }
            Optional<CampaignReport> campaign = store.get(key).flatMap(CampaignRunner::campaignOf);
            if (campaign.isPresent() && new HashSet<>(idsOf(campaign.get())).equals(asked)) {
                return campaign;
            }
        }
        return Optional.empty();
    }

    private static List<String> idsOf(CampaignReport report) {
        List<String> ids = new ArrayList<>(report.cves());
        ids.addAll(report.advisories());
        return ids;
    }

    private static Optional<CampaignReport> campaignOf(byte[] body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            RunReport report = Json.mapper().treeToValue(node, RunReport.class);
            return Optional.ofNullable(report.campaign());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("unreadable RunReport skipped error={}", e.toString());
            return Optional.empty();
        }
    }

    private static Optional<Instant> keyTime(String name) {
        try {
            return Optional.of(ReportKeys.TIMESTAMP.parse(name.substring(0, Math.min(16, name.length())), Instant::from));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
