package io.patchctl.agent;

import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code -v}/{@code --verbose}, declared once and mixed into every command: debug logging and stack traces on stderr. */
public final class VerboseOption {

    static final String SHORT = "-v";
    static final String LONG = "--verbose";

    @Option(names = {SHORT, LONG}, description = "Debug diagnostics and stack traces on stderr.")
    boolean verbose;

    public boolean verbose() {
        return verbose;
    }

    /**
     * Whether {@code -v} was given, judged from the raw arguments before picocli has parsed them.
     *
     * <p>Why the raw arguments: slf4j-simple fixes each logger's level when the first logger is
     * created, and that happens before parsing: picocli instantiates every subcommand when the
     * command line is built, and {@code RunCommand}'s {@code AgentComponents} creates the AWS
     * adapters, which hold a static logger. A picocli execution strategy (the picocli-native way)
     * runs after that, too late to choose the level. The scan matches only the option's own names
     * as whole arguments, and stops at {@code --} (after it everything is a positional value), so it
     * agrees with what picocli then parses; stack traces are decided from the parse result
     * ({@link #requestedIn(ParseResult)}).
     */
    public static boolean requestedIn(List<String> rawArgs) {
        for (String arg : rawArgs) {
            if ("--".equals(arg)) {
                return false;
            }
            if (SHORT.equals(arg) || LONG.equals(arg)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code -v} was matched by the command or any of its parents. */
    public static boolean requestedIn(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.commandSpec().findOption(LONG) != null && p.hasMatchedOption(LONG)) {
                return true;
            }
        }
        return false;
    }
}
