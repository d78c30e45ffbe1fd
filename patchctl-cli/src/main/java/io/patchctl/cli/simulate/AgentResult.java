package io.patchctl.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one agent run produced.
 *
 * @param exitCode     the agent's exit code (docs/design.md: 0 compliant, 3 non-compliant, 4 failed, 5 not stored)
 * @param runReport    the RunReport JSON it printed on stdout, or null if it printed none
 * @param runReportKey where it stored the RunReport, or null
 * @param stderr       its diagnostics (what Run Command would keep as stderr)
 */
public record AgentResult(int exitCode, JsonNode runReport, String runReportKey, String stderr) {
    public AgentResult {
        stderr = stderr == null ? "" : stderr;
    }
}
