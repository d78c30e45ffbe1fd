package io.patchctl.core.hooks;

import java.util.Locale;

/** When an operator hook runs; {@link #key()} is its key under {@code hooks:} in the policy file. */
public enum HookPhase {
    /** Before the upgrade (e.g. drain the host from its load balancer); failing stops the run, nothing installed. */
    PRE_INSTALL,
    /** After a successful upgrade: the health check; failing rolls our transaction back. */
    POST_INSTALL,
    /** After the reboot a run asked for, in the resumed run: the health check of the rebooted host. */
    POST_REBOOT;

    /** {@code pre_install}, {@code post_install}, {@code post_reboot}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
