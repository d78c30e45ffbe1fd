package io.patchctl.core.report;

/** PATCH changes the host; SCAN_ONLY discovers and plans and changes nothing. */
public enum RunMode {
    PATCH, SCAN_ONLY
}
