package io.patchctl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.plan.PolicyException;
import io.patchctl.core.run.ExitCode;
import io.patchctl.core.store.StoreUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The one exception-to-exit-code mapper of both jars, and what it prints. */
class PatchctlCommandLineTest {

    @Test
    void exitCodes_keepTheirDocumentedNumbers() {
        assertThat(ExitCode.values()).extracting(ExitCode::code).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 194);
    }

    @ParameterizedTest
    @EnumSource(ExitCode.class)
    void patchctlException_mapsToTheCodeItCarries(ExitCode code) {
        assertThat(PatchctlCommandLine.exitCodeOf(new PatchctlException(code, "x"))).isEqualTo(code);
    }

    @Test
    void knownExceptions_mapToTheirDocumentedCodes() {
        assertThat(PatchctlCommandLine.exitCodeOf(new BadInputException("malformed event"))).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(PatchctlCommandLine.exitCodeOf(new PolicyException("bad policy", null))).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(PatchctlCommandLine.exitCodeOf(new StoreUnavailableException("s3 down", null))).isEqualTo(ExitCode.NOT_STORED);
        assertThat(PatchctlCommandLine.exitCodeOf(new CommandLine.ParameterException(new CommandLine(new Thrower()), "bad")))
                .isEqualTo(ExitCode.USAGE);
    }

    @Test
    void unexpectedExceptions_areInternalErrors_exitOne() {
        assertThat(PatchctlCommandLine.exitCodeOf(new NullPointerException())).isEqualTo(ExitCode.USAGE);
        assertThat(PatchctlCommandLine.exitCodeOf(new IllegalStateException("x"))).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void nullPointer_printsInternalErrorAndTheVerboseHint_noStackTrace() {
        Result r = execute("--throw", "npe");

        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).startsWith("patchctl: internal error: java.lang.NullPointerException: boom\n")
                .contains("rerun with --verbose for the stack trace")
                .doesNotContain("\tat ");
    }

    @Test
    void nullPointer_withVerbose_printsTheStackTrace() {
        Result r = execute("--throw", "npe", "-v");

        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).startsWith("patchctl: internal error: java.lang.NullPointerException: boom\n")
                .contains("\tat io.patchctl.agent.PatchctlCommandLineTest$Thrower.call")
                .doesNotContain("rerun with --verbose");
    }

    @Test
    void storeOutage_printsTheMessageOnly_exitsFive() {
        Result r = execute("--throw", "store");

        assertThat(r.code).isEqualTo(5);
        assertThat(r.err).isEqualTo("patchctl: s3 down\n");
    }

    @Test
    void badInput_printsTheMessageOnly_exitsTwo() {
        Result r = execute("--throw", "input");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).isEqualTo("patchctl: malformed event: detail is not an object\n");
    }

    @Test
    void usageError_exitsOne_withTheHelpHint() {
        Result r = execute("--no-such-option");

        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("patchctl: Unknown option: '--no-such-option'").contains("Try 'thrower --help'.");
    }

    @Test
    void verbose_isJudgedFromTheRawArguments_upToTheEndOfOptions() {
        assertThat(VerboseOption.requestedIn(List.of("run", "-v"))).isTrue();
        assertThat(VerboseOption.requestedIn(List.of("run", "--verbose"))).isTrue();
        assertThat(VerboseOption.requestedIn(List.of("run", "--dnf-arg=-v"))).isFalse();
        assertThat(VerboseOption.requestedIn(List.of("run", "--", "-v"))).isFalse();
    }

    record Result(int code, String err) {
    }

    private static Result execute(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = PatchctlCommandLine.commandLine(new Thrower());
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int code = cl.execute(args);
        return new Result(code, err.toString().replace(System.lineSeparator(), "\n"));
    }

    @Command(name = "thrower")
    static final class Thrower implements Callable<Integer> {
        @Option(names = "--throw")
        String what = "none";

        @Mixin
        VerboseOption verbose = new VerboseOption();

        @Override
        public Integer call() {
            switch (what) {
                case "npe" -> throw new NullPointerException("boom");
                case "store" -> throw new StoreUnavailableException("s3 down", null);
                case "input" -> throw new BadInputException("malformed event: detail is not an object");
                default -> {
                    return 0;
                }
            }
        }
    }
}
