package io.patchctl.agent;

import io.patchctl.core.run.ExitCodes;
import io.patchctl.core.plan.PolicyException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The one configured picocli command line of both jars: exit-code mapping, error printing, logging. */
public final class PatchctlCommandLine {

    private PatchctlCommandLine() {
    }

    /** Diagnostics go to stderr; stdout is reserved for the JSON report. Must run before the first logger. */
    public static void configureLogging(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    /**
     * The configured command line, shared by main and the tests: documented exit codes (usage
     * errors are 1, not picocli's 2; a bad policy or event file is 2) and error messages without
     * stack traces unless {@code --verbose}.
     */
    public static CommandLine commandLine(Object root) {
        CommandLine cl = new CommandLine(root);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("patchctl: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            }
            return ExitCodes.USAGE;
        });
        cl.setExitCodeExceptionMapper(PatchctlCommandLine::exitCodeOf);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("patchctl: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (parseResult.expandedArgs().contains("--verbose") || parseResult.expandedArgs().contains("-v")) {
                ex.printStackTrace(err);
            }
            return exitCodeOf(ex);
        });
        return cl;
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof PolicyException || t instanceof BadInputException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.USAGE;
    }
}
