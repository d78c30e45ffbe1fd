package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * Figures for the report (run: ./mvnw -o -B -pl infra/terraform-tests -am test -Dgroups=bench
 * -Dbench.excluded=none -Dtest=TerraformBench -Dsurefire.failIfNoSpecifiedTests=false; output in
 * infra/terraform-tests/target/surefire-reports/io.patchctl.terraform.TerraformBench-output.txt).
 */
@Tag("bench")
class TerraformBench {

    @Test
    void figures() throws Exception {
        long t0 = System.nanoTime();
        String pattern = FailureEventPatternTest.renderPattern();
        Machine machine = new Machine();
        machine.addRule("rule", pattern);
        long compiled = System.nanoTime() - t0;

        List<String> events = new ArrayList<>();
        for (Path dir : List.of(FailureEventPatternTest.insightsCorpus(),
                TerraformTree.repositoryRoot().resolve("infra/terraform-tests/src/test/resources/rule-events"))) {
            for (Path f : TerraformTree.filesEndingWith(dir, ".json")) {
                String name = f.getFileName().toString();
                if (name.startsWith("failure-") || name.startsWith("skip-")) {
                    events.add(TerraformTree.read(f));
                }
            }
        }
        int rounds = 2_000;
        int matched = 0;
        for (int i = 0; i < 200; i++) { // warm-up
            for (String e : events) {
                matched += machine.rulesForJSONEvent(e).size();
            }
        }
        matched = 0;
        long t1 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (String e : events) {
                matched += machine.rulesForJSONEvent(e).size();
            }
        }
        long matching = System.nanoTime() - t1;
        double perEventMicros = matching / 1_000.0 / (rounds * (double) events.size());

        String script = PatchDocumentTest.renderScript("{\"hold_packages\":[\"kernel*\"]}");
        long parse0 = System.nanoTime();
        for (Path f : TerraformTree.allTfFiles()) {
            Hcl.parse(f);
        }
        long parse = System.nanoTime() - parse0;

        System.out.printf("event pattern: %d chars compact (EventBridge limit 4096), rendered+compiled in %.1f ms%n",
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(pattern).toString().length(), compiled / 1e6);
        System.out.printf("event ruler: %d corpus events x %d rounds, %d matches/round, %.2f us per event%n",
                events.size(), rounds, matched / rounds, perEventMicros);
        System.out.printf("run command script: %d bytes rendered (SSM document content limit 64 KB)%n", script.length());
        System.out.printf("hcl4j: %d .tf files parsed in %.0f ms%n", TerraformTree.allTfFiles().size(), parse / 1e6);
        assertThat(matched / rounds).isPositive();
    }
}
