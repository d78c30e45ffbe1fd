package io.patchctl.core.fleet;

/** A package held back or an advisor proposal rejected, with the reason shown to people. */
public record HeldItem(String name, String reason) {
    public HeldItem {
        name = name == null ? "" : name;
        reason = reason == null ? "" : reason;
    }
}
