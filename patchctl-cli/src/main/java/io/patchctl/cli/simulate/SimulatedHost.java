package io.patchctl.cli.simulate;

import java.util.Locale;
import java.util.Objects;

/**
 * One host of a simulated fleet.
 *
 * @param index      position in the fleet
 * @param instanceId an EC2-shaped id ({@code i-} and 17 hex digits), stable for a given index
 * @param hostname   lab host name
 * @param profile    which pending-update set it has
 */
public record SimulatedHost(int index, String instanceId, String hostname, HostProfile profile) {

    public SimulatedHost {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(profile, "profile");
    }

    /** Host {@code index} of a fleet: ids are stable so repeated cycles write next to each other's reports. */
    public static SimulatedHost of(int index) {
        String id = String.format(Locale.ROOT, "i-0%016x", 0x1ab0000000000000L + index + 1);
        return new SimulatedHost(index, id, String.format(Locale.ROOT, "lab-%03d", index + 1), HostProfile.forIndex(index));
    }
}
