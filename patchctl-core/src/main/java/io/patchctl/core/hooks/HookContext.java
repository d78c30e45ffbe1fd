package io.patchctl.core.hooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a hook is told about the run, as environment variables (docs/cli.md "hooks"):
 * {@code PATCHCTL_HOOK} (pre_install | post_install | post_reboot), {@code PATCHCTL_RUN_ID},
 * {@code PATCHCTL_INSTALLROOT} (the root being patched; hooks themselves run on the host, not chrooted
 * into it), {@code PATCHCTL_PACKAGES} (the approved package names, space-separated) and
 * {@code PATCHCTL_INSTALLED} (the NEVRAs the upgrade installed; empty before it).
 */
public record HookContext(String runId, String installroot, List<String> packages, List<String> installed) {

    public static final String PREFIX = "PATCHCTL_";

    public HookContext {
        installroot = installroot == null ? "/" : installroot;
        packages = packages == null ? List.of() : List.copyOf(packages);
        installed = installed == null ? List.of() : List.copyOf(installed);
    }

    public HookContext withInstalled(List<String> nevras) {
        return new HookContext(runId, installroot, packages, nevras);
    }

    /** The variables for a hook of {@code phase}; they override any variable of the same name. */
    public Map<String, String> environment(HookPhase phase) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PREFIX + "HOOK", phase.key());
        env.put(PREFIX + "RUN_ID", runId == null ? "" : runId);
        env.put(PREFIX + "INSTALLROOT", installroot);
        env.put(PREFIX + "PACKAGES", String.join(" ", packages));
        env.put(PREFIX + "INSTALLED", String.join(" ", installed));
        return env;
    }
}
