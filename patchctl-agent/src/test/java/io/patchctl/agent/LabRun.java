package io.patchctl.agent;

import io.patchctl.dnf.DnfPackageManager;
import io.patchctl.dnf.process.ProcessRunner;
import io.patchctl.core.host.PackageManager;
import io.patchctl.core.plan.Advisor;
import io.patchctl.lab.LabHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code patchctl run} in-process against a lab host, as an operator would, output captured. */
final class LabRun {

    final int exitCode;
    final String stdout;
    final String stderr;

    private LabRun(int exitCode, String stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Components that give dnf and rpm the lab's HOME, optionally with another advisor or process runner. */
    static AgentComponents components(LabHost host, Advisor advisor, ProcessRunner runner) {
        return new AgentComponents() {
            @Override
            public PackageManager packageManager(Settings s) {
                return new DnfPackageManager(s.installroot(), s.dnfArgs(), host.environment(), s.dnfTimeout(), runner);
            }

            @Override
            public Advisor advisor(Settings s) {
                return advisor == null ? super.advisor(s) : advisor;
            }
        };
    }

    static LabRun run(LabHost host, AgentComponents components, String... extraArgs) {
        // a lock per lab host: tests of other worktrees on this machine must not look like a second run
        List<String> args = new ArrayList<>(List.of("--installroot=" + host.installroot(), "--instance-id=i-0lab",
                "--lock-file=" + host.dir().resolve("patchctl-run.lock")));
        host.dnfArgs().forEach(a -> args.add("--dnf-arg=" + a));
        args.addAll(List.of(extraArgs));
        return runRaw(components, args.toArray(new String[0]));
    }

    static LabRun runRaw(AgentComponents components, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PatchctlCommandLine.commandLine(new RunCommand(components));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new LabRun(code, out.toString(), err.toString());
    }
}
