package io.patchctl.core.insights;

import java.util.List;

/**
 * What was found about a failure besides the event, already redacted and bounded.
 *
 * @param runReportKey      the host's agent RunReport that was read, or null
 * @param runReportExcerpt  its status and error fields, or ""
 * @param commandOutputKeys the Run Command stdout/stderr objects that were read
 * @param logTail           the end of that output (about 8 KB), or ""
 */
public record Evidence(String runReportKey, String runReportExcerpt, List<String> commandOutputKeys, String logTail) {

    public static final Evidence NONE = new Evidence(null, "", List.of(), "");

    public Evidence {
        runReportExcerpt = runReportExcerpt == null ? "" : runReportExcerpt;
        commandOutputKeys = commandOutputKeys == null ? List.of() : List.copyOf(commandOutputKeys);
        logTail = logTail == null ? "" : logTail;
    }

    public boolean isEmpty() {
        return runReportKey == null && commandOutputKeys.isEmpty();
    }
}
