package io.patchctl.core.hooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One operator hook: an argument vector run as it is (never through a shell, so nothing in it is
 * ever parsed as shell syntax), its timeout, and extra environment variables.
 *
 * @param command     argv; {@code command.get(0)} is an absolute path (no {@code PATH} lookup: what runs
 *                    as root must not depend on the agent's environment)
 * @param timeout     the hook is killed (with its whole process tree) when it outlives this; between
 *                    {@link #MIN_TIMEOUT} and {@link #MAX_TIMEOUT}
 * @param environment extra variables; names are {@code [A-Za-z_][A-Za-z0-9_]*} and never start with
 *                    {@code PATCHCTL_} (those are the context patchctl sets, see {@link HookContext})
 */
public record HookSpec(List<String> command, Duration timeout, Map<String, String> environment) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    /** An hour: the SSM document's own execution timeout must still cover dnf, hooks and an undo. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(3600);
    /** Bounds on the vector itself: a hook is a program and a few arguments, not a payload. */
    public static final int MAX_ARGS = 64;
    public static final int MAX_ARG_CHARS = 4096;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** @throws IllegalArgumentException naming the bad part and the expected form */
    public HookSpec {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must be a non-empty list of strings (argv), found []");
        }
        if (command.size() > MAX_ARGS) {
            throw new IllegalArgumentException("command has " + command.size() + " arguments; at most " + MAX_ARGS);
        }
        for (String arg : command) {
            if (arg == null || arg.indexOf('\0') >= 0 || arg.length() > MAX_ARG_CHARS) {
                throw new IllegalArgumentException("command arguments must be strings without NUL of at most "
                        + MAX_ARG_CHARS + " characters");
            }
        }
        String program = command.get(0);
        if (!program.startsWith("/") || program.contains("/../") || program.endsWith("/..") || program.endsWith("/")) {
            throw new IllegalArgumentException("command[0] must be an absolute path to a program (e.g. /usr/local/bin/health-check),"
                    + " found '" + abbreviate(program) + "'; hooks are argument vectors, never shell command lines");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be between " + MIN_TIMEOUT.toSeconds() + " and "
                    + MAX_TIMEOUT.toSeconds() + " seconds, found " + timeout.toSeconds());
        }
        Map<String, String> env = new TreeMap<>();
        for (Map.Entry<String, String> e : (environment == null ? Map.<String, String>of() : environment).entrySet()) {
            String name = e.getKey();
            if (name == null || !ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("env names must match [A-Za-z_][A-Za-z0-9_]*, found '" + abbreviate(String.valueOf(name)) + "'");
            }
            if (name.startsWith(HookContext.PREFIX)) {
                throw new IllegalArgumentException("env may not set " + name + ": " + HookContext.PREFIX
                        + "* variables are the context patchctl gives every hook");
            }
            if (e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("env " + name + " must be a string without NUL");
            }
            env.put(name, e.getValue());
        }
        command = List.copyOf(command);
        environment = java.util.Collections.unmodifiableMap(env);
    }

    public static HookSpec of(List<String> command, Duration timeout) {
        return new HookSpec(command, timeout, Map.of());
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
