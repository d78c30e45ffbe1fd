package io.patchctl.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchctl.core.hooks.HookPhase;
import io.patchctl.core.hooks.HookPolicy;
import io.patchctl.core.hooks.HookSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The policy's {@code hooks:} block, as strict as the rest of {@link PolicyLoader}:
 *
 * <pre>
 * hooks:
 *   pre_install:                       # any of pre_install, post_install, post_reboot
 *     command: ["/usr/local/bin/lb-drain", "--target-group", "web"]   # argv; [0] an absolute path
 *     timeout_seconds: 120             # 1..3600, default 300; killed with its process tree after it
 *     env: {LB_REGION: us-east-2}      # optional extra variables (not PATCHCTL_*)
 * </pre>
 * A command given as one string is refused: splitting it would mean parsing shell syntax.
 */
final class HookPolicyParser {

    private static final Set<String> PHASE_KEYS = Arrays.stream(HookPhase.values()).map(HookPhase::key)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    private static final Set<String> HOOK_KEYS = new java.util.TreeSet<>(List.of("command", "timeout_seconds", "env"));

    private HookPolicyParser() {
    }

    static HookPolicy parse(JsonNode node) {
        if (!node.isObject()) {
            throw new PolicyException("hooks must be a mapping with keys " + PHASE_KEYS + ", found " + kind(node));
        }
        Map<HookPhase, HookSpec> hooks = new EnumMap<>(HookPhase.class);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            HookPhase phase = Arrays.stream(HookPhase.values()).filter(p -> p.key().equals(key)).findFirst()
                    .orElseThrow(() -> new PolicyException("hooks: unknown key '" + key + "'; expected one of " + PHASE_KEYS));
            hooks.put(phase, hook("hooks." + key, node.get(key)));
        }
        return HookPolicy.of(hooks);
    }

    private static HookSpec hook(String where, JsonNode node) {
        if (!node.isObject()) {
            throw new PolicyException(where + " must be a mapping with keys " + HOOK_KEYS + ", found " + kind(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!HOOK_KEYS.contains(key)) {
                throw new PolicyException(where + ": unknown key '" + key + "'; expected one of " + HOOK_KEYS);
            }
        }
        JsonNode command = node.get("command");
        if (command == null) {
            throw new PolicyException(where + ".command is required: a list of strings, the program's absolute path first");
        }
        if (!command.isArray()) {
            throw new PolicyException(where + ".command must be a list of strings (an argument vector, never a shell"
                    + " command line), found " + kind(command));
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode arg : command) {
            if (!arg.isTextual()) {
                throw new PolicyException(where + ".command entries must be strings, found " + kind(arg));
            }
            argv.add(arg.textValue());
        }
        Duration timeout = HookSpec.DEFAULT_TIMEOUT;
        JsonNode t = node.get("timeout_seconds");
        if (t != null) {
            if (!t.isIntegralNumber() || !t.canConvertToInt()) {
                throw new PolicyException(where + ".timeout_seconds must be a whole number of seconds between "
                        + HookSpec.MIN_TIMEOUT.toSeconds() + " and " + HookSpec.MAX_TIMEOUT.toSeconds() + ", found " + kind(t) + " " + t);
            }
            timeout = Duration.ofSeconds(t.intValue());
        }
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = node.get("env");
        if (e != null) {
            if (!e.isObject()) {
                throw new PolicyException(where + ".env must be a mapping of names to strings, found " + kind(e));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isTextual()) {
                    throw new PolicyException(where + ".env." + entry.getKey() + " must be a string, found " + kind(entry.getValue()));
                }
                env.put(entry.getKey(), entry.getValue().textValue());
            }
        }
        try {
            return new HookSpec(argv, timeout, env);
        } catch (IllegalArgumentException ex) {
            throw new PolicyException(where + ": " + ex.getMessage(), ex);
        }
    }

    private static String kind(JsonNode n) {
        return n.isArray() ? "list" : n.isObject() ? "mapping" : n.isTextual() ? "string"
                : n.isNumber() ? "number" : n.isBoolean() ? "boolean" : "null";
    }
}
