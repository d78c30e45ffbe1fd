package io.patchctl.cli.fleetreport;

import io.patchctl.core.fleet.FleetReport;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A {@link ReportSection} made of a render function and a presence test: the sections that were
 * written as a static {@code render(StringBuilder, FleetReport)} (exceptions, quarantine) join the
 * page's section list and its navigation without a class of their own.
 */
record FunctionSection(String id, String title, BiConsumer<StringBuilder, FleetReport> renderer,
                       Predicate<FleetReport> presence) implements ReportSection {

    @Override
    public void render(StringBuilder h, FleetReport report) {
        renderer.accept(h, report);
    }

    @Override
    public boolean present(FleetReport report) {
        return presence.test(report);
    }
}
