package io.patchctl.core.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Screens the commands an analysis suggests. They are advice for a person, yet someone may paste
 * them: only a single {@code dnf …} command (in dnf_commands) or {@code aws …} command (in
 * aws_cli_commands) stays; anything with shell chaining, redirection or substitution, or another
 * program, moves to {@code rejected_commands} with the reason.
 */
public final class CommandScreen {

    /** Shell metacharacters that chain, pipe, redirect, background or substitute. */
    private static final Pattern SHELL_SYNTAX = Pattern.compile("(;|&&|\\|\\||\\||&|>|<|`|\\$\\(|\\r|\\n)");

    /** The screened analysis and what was taken out of it. */
    public record Screened(FailureAnalysis analysis, List<RejectedCommand> rejected) {
        public Screened {
            rejected = List.copyOf(rejected);
        }
    }

    public Screened screen(FailureAnalysis analysis) {
        List<RejectedCommand> rejected = new ArrayList<>();
        List<String> dnf = keep(analysis.dnfCommands(), "dnf", "dnf_commands", rejected);
        List<String> aws = keep(analysis.awsCliCommands(), "aws", "aws_cli_commands", rejected);
        FailureAnalysis screened = new FailureAnalysis(analysis.rootCause(), analysis.severity(), analysis.immediateActions(),
                dnf, aws, analysis.preventiveMeasures(), analysis.escalate(), analysis.summary());
        return new Screened(screened, rejected);
    }

    private static List<String> keep(List<String> commands, String program, String field, List<RejectedCommand> rejected) {
        List<String> kept = new ArrayList<>();
        for (String command : commands) {
            String reason = reasonToReject(command, program);
            if (reason == null) {
                kept.add(command);
            } else {
                rejected.add(new RejectedCommand(command, field, reason));
            }
        }
        return kept;
    }

    /** @return why the command is refused, or null when it is a single {@code program} command */
    static String reasonToReject(String command, String program) {
        var syntax = SHELL_SYNTAX.matcher(command);
        if (syntax.find()) {
            return "contains shell syntax '" + syntax.group().replace("\n", "\\n").replace("\r", "\\r")
                    + "': only a single " + program + " command is allowed";
        }
        String first = command.strip().split("\\s+", 2)[0];
        if (!first.equals(program)) {
            return "is not a '" + program + "' command (starts with '" + first + "')";
        }
        return null;
    }
}
