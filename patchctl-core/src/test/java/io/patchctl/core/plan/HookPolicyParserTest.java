package io.patchctl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchctl.core.hooks.HookPolicy;
import io.patchctl.core.hooks.HookSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy's hooks: block, parsed strictly (every bad value is a PolicyException: exit 2). */
class HookPolicyParserTest {

    @Test
    void allThreeHooks_withDefaultsFilledIn() {
        PatchPolicy p = PolicyLoader.parse("""
                hooks:
                  pre_install:
                    command: ["/usr/local/sbin/lb-drain", "--target-group", "web; rm -rf /"]
                    timeout_seconds: 120
                    env: {LB_REGION: us-east-2}
                  post_install: {command: ["/usr/local/sbin/health-check"]}
                  post_reboot: {command: ["/usr/local/sbin/health-check", "--after-reboot"], timeout_seconds: 3600}
                """);

        HookPolicy hooks = p.hooks();
        assertThat(hooks.preInstall()).isEqualTo(new HookSpec(List.of("/usr/local/sbin/lb-drain", "--target-group", "web; rm -rf /"),
                Duration.ofSeconds(120), Map.of("LB_REGION", "us-east-2")));
        assertThat(hooks.postInstall().timeout()).isEqualTo(HookSpec.DEFAULT_TIMEOUT).isEqualTo(Duration.ofSeconds(300));
        assertThat(hooks.postInstall().environment()).isEmpty();
        assertThat(hooks.postReboot().command()).containsExactly("/usr/local/sbin/health-check", "--after-reboot");
        // the other keys keep their defaults
        assertThat(p.toBuilder().hooks(null).build()).isEqualTo(PatchPolicy.defaults());
    }

    @Test
    void noHooksKey_meansNone() {
        assertThat(PolicyLoader.parse("max_packages: 3").hooks()).isEqualTo(HookPolicy.none());
        assertThat(PatchPolicy.defaults().hooks().isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "relative program | {post_install: {command: [\"health-check.sh\"]}} | hooks.post_install: command[0] must be an absolute path to a program (e.g. /usr/local/bin/health-check), found 'health-check.sh'; hooks are argument vectors, never shell command lines",
            "shell line as a string | {post_install: {command: \"/bin/check && curl x\"}} | hooks.post_install.command must be a list of strings (an argument vector, never a shell command line), found string",
            "empty argv | {pre_install: {command: []}} | hooks.pre_install: command must be a non-empty list of strings (argv), found []",
            "number in argv | {pre_install: {command: [\"/bin/x\", 3]}} | hooks.pre_install.command entries must be strings, found number",
            "no command | {pre_install: {timeout_seconds: 5}} | hooks.pre_install.command is required: a list of strings, the program's absolute path first",
            "timeout zero | {pre_install: {command: [\"/bin/x\"], timeout_seconds: 0}} | hooks.pre_install: timeout must be between 1 and 3600 seconds, found 0",
            "timeout too long | {pre_install: {command: [\"/bin/x\"], timeout_seconds: 3601}} | hooks.pre_install: timeout must be between 1 and 3600 seconds, found 3601",
            "timeout as text | {pre_install: {command: [\"/bin/x\"], timeout_seconds: \"60s\"}} | hooks.pre_install.timeout_seconds must be a whole number of seconds between 1 and 3600, found string \"60s\"",
            "timeout fraction | {pre_install: {command: [\"/bin/x\"], timeout_seconds: 1.5}} | hooks.pre_install.timeout_seconds must be a whole number of seconds between 1 and 3600, found number 1.5",
            "unknown phase | {post_upgrade: {command: [\"/bin/x\"]}} | hooks: unknown key 'post_upgrade'; expected one of [post_install, post_reboot, pre_install]",
            "unknown hook key | {pre_install: {command: [\"/bin/x\"], shell: true}} | hooks.pre_install: unknown key 'shell'; expected one of [command, env, timeout_seconds]",
            "hooks a list | [\"/bin/x\"] | hooks must be a mapping with keys [post_install, post_reboot, pre_install], found list",
            "hook a list | {pre_install: [\"/bin/x\"]} | hooks.pre_install must be a mapping with keys [command, env, timeout_seconds], found list",
            "env overrides context | {pre_install: {command: [\"/bin/x\"], env: {PATCHCTL_INSTALLROOT: /}}} | hooks.pre_install: env may not set PATCHCTL_INSTALLROOT: PATCHCTL_* variables are the context patchctl gives every hook",
            "env bad name | {pre_install: {command: [\"/bin/x\"], env: {\"A-B\": x}}} | hooks.pre_install: env names must match [A-Za-z_][A-Za-z0-9_]*, found 'A-B'",
            "env not text | {pre_install: {command: [\"/bin/x\"], env: {N: 3}}} | hooks.pre_install.env.N must be a string, found number",
            "dot-dot program | {pre_install: {command: [\"/usr/../tmp/x\"]}} | hooks.pre_install: command[0] must be an absolute path to a program (e.g. /usr/local/bin/health-check), found '/usr/../tmp/x'; hooks are argument vectors, never shell command lines",
    })
    void badHook_isAPolicyExceptionNamingIt(String what, String hooks, String message) {
        assertThatThrownBy(() -> PolicyLoader.parse("hooks: " + hooks))
                .as(what).isInstanceOf(PolicyException.class).hasMessage(message);
    }

    @Test
    void hookGivenTwice_isRefused() {
        assertThatThrownBy(() -> PolicyLoader.parse("hooks:\n  pre_install: {command: [\"/bin/a\"]}\n  pre_install: {command: [\"/bin/b\"]}\n"))
                .isInstanceOf(PolicyException.class).hasMessageContaining("key given twice").hasMessageContaining("pre_install");
    }
}
