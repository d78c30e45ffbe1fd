package io.patchctl.agent;

import io.patchctl.core.plan.PolicyException;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The one configured picocli command line of both jars, and the one place that turns an exception
 * into an exit code and an error message ({@link #exitCodeOf}).
 */
public final class PatchctlCommandLine {

    private PatchctlCommandLine() {
    }

    /**
     * What {@code main} of either jar does: logging first (see {@link VerboseOption#requestedIn(java.util.List)}),
     * then the configured command line.
     */
    public static int execute(Object root, String... args) {
        configureLogging(VerboseOption.requestedIn(Arrays.asList(args)));
        return commandLine(root).execute(args);
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
     * The configured command line, shared by main and the tests: the documented exit codes (usage
     * errors are 1, not picocli's 2), {@code --advisor} and other typed values converted, and error
     * messages without stack traces unless {@code --verbose}.
     */
    public static CommandLine commandLine(Object root) {
        CommandLine cl = new CommandLine(root);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("patchctl: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            }
            err.flush();
            return ExitCode.USAGE.code();
        });
        cl.setExitCodeExceptionMapper(t -> exitCodeOf(t).code());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            report(ex, commandLine.getErr(), VerboseOption.requestedIn(parseResult));
            return exitCodeOf(ex).code();
        });
        return cl;
    }

    /**
     * The exit code of an exception that ended a command. Known failures carry or imply their code;
     * anything else is an internal error (a bug), which exits 1 like a usage error: that is picocli's
     * convention ({@code CommandLine.ExitCode.SOFTWARE} is 1) and keeps the documented codes 0..8 and 194
     * (2..8 each mean one specific, expected outcome that scripts and the SSM document act on; 194 is a
     * finished run's own code, never an exception's: the SSM Agent reboots the host on it).
     */
    public static ExitCode exitCodeOf(Throwable t) {
        if (t instanceof PatchctlException known) {
            return known.exitCode();
        }
        if (t instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        if (t instanceof PolicyException) {
            return ExitCode.BAD_INPUT;
        }
        if (t instanceof StoreUnavailableException) {
            return ExitCode.NOT_STORED;
        }
        return ExitCode.USAGE;
    }

    /** Whether the exception is one the commands expect (its message says it all), not a bug. */
    static boolean isKnown(Throwable t) {
        return t instanceof PatchctlException || t instanceof CommandLine.ParameterException
                || t instanceof PolicyException || t instanceof StoreUnavailableException;
    }

    /** One line for a known failure; for a bug, "internal error" and how to get the stack trace. */
    static void report(Throwable ex, PrintWriter err, boolean verbose) {
        if (isKnown(ex)) {
            err.println("patchctl: " + ex.getMessage());
        } else {
            err.println("patchctl: internal error: " + ex);
            if (!verbose) {
                err.println("patchctl: this is a bug; rerun with --verbose for the stack trace, and report it");
            }
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
    }
}
