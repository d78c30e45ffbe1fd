package io.patchctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.agent.PatchctlCommandLine;
import io.patchctl.core.internal.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The circuit-breaker benchmark (run by bench/quarantine.sh): one simulated cycle with the lab's bad
 * package (tzdata-broken, whose %pre fails) with the breaker on and with {@code --no-quarantine}; prints
 * hosts failed (by cause), non-compliant, packages installed, hosts saved. Asserts nothing.
 */
public final class QuarantineBenchmark {

    private QuarantineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PatchctlCommandLine.configureLogging(false);
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String concurrency = args.length > 1 ? args[1] : "4";
        Path work = Files.createTempDirectory("patchctl-quarantine-bench-");
        System.out.println("# circuit-breaker benchmark (machine shared with other engineers: figures taken under load)");
        System.out.printf(Locale.ROOT, "# %d cores, load average %s; %d hosts, concurrency %s, max errors 100%%, rules advisor%n",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip(), hosts,
                concurrency);
        cycle(work.resolve("warm"), 3, concurrency, false); // the lab build and host templates, not the figures
        System.out.println("breaker  hosts  compliant  non_compliant  failed  failed_on_bad_pkg  failed_other  installed"
                + "  bad_pkg_hosts  saved  analyses  wall_s");
        for (boolean off : new boolean[] {false, true}) {
            long t0 = System.nanoTime();
            JsonNode fleet = cycle(work.resolve(off ? "off" : "on"), hosts, concurrency, off);
            double wall = (System.nanoTime() - t0) / 1e9;
            int failedBad = 0;
            int failedOther = 0;
            int badHosts = 0;
            int analyses = 0;
            for (JsonNode h : fleet.get("hosts")) {
                boolean hasBad = false;
                for (JsonNode u : h.get("discovered")) {
                    hasBad |= "tzdata-broken".equals(u.path("package_name").asText());
                }
                badHosts += hasBad ? 1 : 0;
                if ("FAILED".equals(h.get("outcome").asText())) {
                    if (h.path("error").asText("").contains("tzdata-broken")) {
                        failedBad++;
                    } else {
                        failedOther++;
                    }
                }
                analyses += h.path("insight").isObject() ? 1 : 0;
            }
            int saved = 0;
            for (JsonNode q : fleet.get("quarantine")) {
                saved += q.get("saved").size();
            }
            System.out.printf(Locale.ROOT, "%-7s  %5d  %9d  %13d  %6d  %17d  %12d  %9d  %13d  %5d  %8d  %6.1f%n",
                    off ? "off" : "on", fleet.at("/summary/hosts").asInt(), fleet.at("/summary/outcomes/COMPLIANT").asInt(),
                    fleet.at("/summary/outcomes/NON_COMPLIANT").asInt(), fleet.at("/summary/outcomes/FAILED").asInt(),
                    failedBad, failedOther, fleet.at("/summary/installed").asInt(), badHosts, saved, analyses, wall);
        }
        System.out.println("# failed_other: hosts whose updates repository is unreachable (the lab's other failing profile),"
                + " the same with and without the breaker; installed: packages installed over the fleet");
    }

    private static JsonNode cycle(Path out, int hosts, String concurrency, boolean off) throws Exception {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        var cli = PatchctlCommandLine.commandLine(new PatchctlCommand());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        List<String> argv = new ArrayList<>(List.of("simulate", "--hosts", String.valueOf(hosts), "--concurrency",
                concurrency, "--max-errors", "100%", "--advisor", "rules", "--out", out.toString(), "--progress", "none"));
        if (off) {
            argv.add("--no-quarantine");
        }
        int code = cli.execute(argv.toArray(new String[0]));
        if (code != 0 && code != 3 && code != 4) {
            throw new IllegalStateException("simulate exited " + code + ": " + stderr);
        }
        return Json.mapper().readTree(out.resolve("fleet-report.json").toFile());
    }
}
