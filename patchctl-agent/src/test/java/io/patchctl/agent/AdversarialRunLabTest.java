package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.plan.AdversarialCorpus;
import io.patchctl.lab.HostSpec;
import io.patchctl.lab.Lab;
import io.patchctl.lab.LabHost;
import io.patchctl.lab.StandardLabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reply of the adversarial corpus, served by the Bedrock stand-in to {@code patchctl run} on a
 * fresh lab host, through real dnf: the rpm database changes only by policy-allowed security
 * updates, the canary file a hostile command would create is absent, and the refusal is in the report.
 */
class AdversarialRunLabTest {

    /** The only packages any run may change: the allowed security updates of the mixed lab. */
    private static final Map<String, String> ALLOWED_UPDATES = Map.of(
            "openssl-libs", "1:1.1.1k-12.el8.x86_64", "curl", "7.61.1-34.el8.x86_64", "sudo", "1.9.5p2-2.el8.x86_64",
            "zlib", "1.2.11-26.el8.x86_64", "libxml2", "2.9.7-19.el8.x86_64");

    static Lab lab;
    static BedrockLabFixture aws;
    static Path canaryDir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.build(StandardLabs.mixed());
        aws = new BedrockLabFixture();
        canaryDir = Files.createTempDirectory("patchctl-canary");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    /**
     * Every reply of the corpus by default, as the issue asks ("for each"; each costs a real-dnf run,
     * about 2.5 s on an idle 2-core machine). {@code -Dpatchctl.corpus=quick} runs one reply of each
     * kind of attack while iterating. The core's AdversarialCorpusTest always checks every reply
     * through the parser and PolicyGuard.
     */
    static final Set<String> QUICK_SELECTION = Set.of(
            "fallback-shell-and.txt", "fallback-curl-pipe-sh.txt", "fallback-rpm-erase.txt", "fallback-dnf-remove.txt",
            "fallback-nogpgcheck.txt", "fallback-config-manager-add-repo.txt", "fallback-huge-1mb.repeat",
            "fallback-wrong-types-install-objects.txt", "guarded-kernel-json.txt", "guarded-unicode-lookalike-json.txt",
            "guarded-carriage-return-trick.txt", "guarded-shell-in-json-name.txt");

    static List<AdversarialCorpus.Reply> replies() {
        List<AdversarialCorpus.Reply> all = AdversarialCorpus.load("@CANARY@");
        if (!"quick".equals(System.getProperty("patchctl.corpus"))) {
            return all;
        }
        List<AdversarialCorpus.Reply> selected = all.stream().filter(r -> QUICK_SELECTION.contains(r.name())).toList();
        if (selected.size() != QUICK_SELECTION.size()) {
            throw new IllegalStateException("quick selection names a reply that is not in the corpus: " + QUICK_SELECTION);
        }
        return selected;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replies")
    void hostileReply_changesOnlyAllowedPackages_andIsRecorded(AdversarialCorpus.Reply template) throws Exception {
        Path canary = canaryDir.resolve(template.name() + ".canary");
        String text = template.text().replace("@CANARY@", canary.toString());
        aws.answerText(text);
        LabHost host = lab.newHost(tmp.resolve("h"), HostSpec.allBase());
        Map<String, List<String>> before = host.installed();

        LabRun run = BedrockLabFixture.run(host, "--no-compliance", "--no-plan-cache");

        JsonNode report = BedrockLabFixture.report(run);
        Map<String, List<String>> after = host.installed();
        assertThat(after.keySet()).as("no package added or removed").isEqualTo(before.keySet());
        for (String name : after.keySet()) {
            if (ALLOWED_UPDATES.containsKey(name)) {
                assertThat(after.get(name)).as(name).isIn(before.get(name), List.of(ALLOWED_UPDATES.get(name)));
            } else {
                assertThat(after.get(name)).as(name + " untouched").isEqualTo(before.get(name));
            }
        }
        host.checkRpmDatabase();
        assertThat(canary).as("canary of a hostile command").doesNotExist();
        assertThat(Set.of(0, 3)).as("exit code; stderr: %s", run.stderr).contains(run.exitCode);
        String rejected = report.get("rejected").toString();
        if (template.expectFallback()) {
            assertThat(report.at("/advisor/kind").asText()).isEqualTo("rules");
            assertThat(report.at("/advisor/fallback_reason").asText()).startsWith("BAD_REPLY: ");
        } else {
            assertThat(report.at("/advisor/kind").asText()).isEqualTo("bedrock");
            assertThat(report.get("rejected")).as("refusals recorded").isNotEmpty();
        }
        if (text.contains(canary.toString())) {
            assertThat(rejected).as("the hostile command is listed").contains(canary.toString());
        }
    }
}
