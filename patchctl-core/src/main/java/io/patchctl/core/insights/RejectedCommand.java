package io.patchctl.core.insights;

/** A suggested command that screening refused, kept in the report with the reason. */
public record RejectedCommand(String command, String field, String reason) {
}
