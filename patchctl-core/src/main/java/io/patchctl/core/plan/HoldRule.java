package io.patchctl.core.plan;

import io.patchctl.core.advisory.SecurityUpdate;
import java.util.Collection;
import java.util.Optional;

/**
 * A hold that comes from outside the policy file (a ring's approval, a quarantine, a campaign): it
 * yields a reason per package, and {@link PolicyRules} applies it after the policy's own holds, so
 * PolicyGuard enforces it and the report says why the package was held. An advisor may not widen it.
 */
@FunctionalInterface
public interface HoldRule {

    /** @return the reason to hold {@code name}, or empty when this rule lets it through */
    Optional<String> holdReason(String name, Collection<SecurityUpdate> updates);
}
