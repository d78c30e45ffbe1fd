package io.patchctl.core.hooks;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The policy's {@code hooks:}: at most one hook per {@link HookPhase}. {@link #none()} (the default)
 * runs nothing and adds no dnf call to a run.
 */
public record HookPolicy(HookSpec preInstall, HookSpec postInstall, HookSpec postReboot) {

    private static final HookPolicy NONE = new HookPolicy(null, null, null);

    public static HookPolicy none() {
        return NONE;
    }

    public static HookPolicy of(Map<HookPhase, HookSpec> hooks) {
        Map<HookPhase, HookSpec> m = new EnumMap<>(HookPhase.class);
        m.putAll(hooks);
        return new HookPolicy(m.get(HookPhase.PRE_INSTALL), m.get(HookPhase.POST_INSTALL), m.get(HookPhase.POST_REBOOT));
    }

    public Optional<HookSpec> hook(HookPhase phase) {
        return Optional.ofNullable(switch (phase) {
            case PRE_INSTALL -> preInstall;
            case POST_INSTALL -> postInstall;
            case POST_REBOOT -> postReboot;
        });
    }

    public boolean isEmpty() {
        return preInstall == null && postInstall == null && postReboot == null;
    }
}
