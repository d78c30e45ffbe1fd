package io.patchctl.cli;

import io.patchctl.cli.simulate.HostRun;
import io.patchctl.cli.simulate.LabFleetCommands;
import io.patchctl.cli.simulate.ProgressReporter;
import io.patchctl.core.campaign.fleet.CampaignLaunch;
import io.patchctl.core.campaign.fleet.CampaignResults;
import io.patchctl.core.campaign.fleet.CampaignRunner;
import io.patchctl.core.plan.PatchPolicy;
import io.patchctl.core.store.ReportStore;
import io.patchctl.core.store.SingleFlight;
import io.patchctl.lab.Lab;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code patchctl simulate --cve …}: the campaign of {@code patchctl campaign}, run by the same
 * {@link CampaignRunner} over the lab fleet instead of SSM, printing the same per-host table.
 */
final class SimulatedCampaign {

    private SimulatedCampaign() {
    }

    static int run(CommandSpec spec, CampaignLaunch launch, Lab lab, ReportStore store, int hosts, Path hostsDir,
                   boolean keepHosts, ProgressReporter<HostRun> bar) {
        LabFleetCommands fleet = new LabFleetCommands(lab, store, hosts, hostsDir, keepHosts, PatchPolicy.defaults(),
                Clock.systemUTC(), bar);
        CampaignResults results;
        try {
            // the lab fleet finishes inside send(): the runner reads the reports without waiting
            results = new CampaignRunner(fleet, store, Clock.systemUTC(), SingleFlight.Sleeper.SYSTEM, Duration.ofSeconds(1),
                    Duration.ZERO, line -> { }).run(launch);
        } finally {
            bar.close();
        }
        return CampaignCommand.print(spec, results);
    }
}
