package io.patchctl.cli.fleetreport;

import static io.patchctl.cli.fleetreport.Html.esc;

import io.patchctl.core.fleet.FleetReport;
import io.patchctl.core.fleet.HostOutcome;
import io.patchctl.core.fleet.HostResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The cycle's timeline. Up to {@link #PER_HOST_MAX} hosts: one labelled bar per host. Above that, bars of
 * 2 px say nothing, so the chart shows hosts running per interval (stacked by the outcome they reached),
 * with a time axis and a count axis: its height is the same at 50 and at 5,000 hosts.
 */
final class TimelineChart {

    static final int PER_HOST_MAX = 40;
    static final int BUCKETS = 60;
    private static final int LEFT = 150;
    private static final int WIDTH = 640;
    private static final HostOutcome[] STACK = {HostOutcome.COMPLIANT, HostOutcome.NON_COMPLIANT, HostOutcome.FAILED};

    void render(StringBuilder h, FleetReport report) {
        List<HostResult> ran = report.hosts().stream().filter(r -> r.startedAt() != null && r.finishedAt() != null).toList();
        if (ran.isEmpty()) {
            return;
        }
        Instant start = ran.stream().map(HostResult::startedAt).min(Instant::compareTo).orElseThrow();
        Instant end = ran.stream().map(HostResult::finishedAt).max(Instant::compareTo).orElseThrow();
        double span = Math.max(1, Duration.between(start, end).toMillis());
        h.append("<figure class=\"card\" id=\"chart-timeline\" data-mode=\"")
                .append(report.hosts().size() <= PER_HOST_MAX ? "per-host" : "aggregate").append("\"><figcaption>Cycle timeline (")
                .append(seconds(span)).append(", ").append(ran.size()).append(" hosts ran)</figcaption>\n");
        if (report.hosts().size() <= PER_HOST_MAX) {
            perHost(h, report.hosts(), start, span);
        } else {
            aggregate(h, ran, start, span);
        }
        h.append("<ul class=\"legend inline\">");
        for (HostOutcome o : STACK) {
            h.append("<li><span class=\"sw o-").append(o.name()).append("\"></span>").append(esc(o.label())).append("</li>");
        }
        h.append("</ul></figure>\n");
    }

    private static void perHost(StringBuilder h, List<HostResult> hosts, Instant start, double span) {
        int rowH = 16;
        int height = hosts.size() * rowH + 24;
        h.append("<div class=\"scroll\"><svg class=\"tlsvg\" viewBox=\"0 0 ").append(LEFT + WIDTH + 10).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"cycle timeline, one bar per host\">\n");
        int y = 2;
        for (HostResult r : hosts) {
            h.append("<text x=\"0\" y=\"").append(y + rowH - 4).append("\" class=\"axis mono\">").append(esc(r.instanceId())).append("</text>");
            if (r.startedAt() != null && r.finishedAt() != null) {
                double x0 = LEFT + WIDTH * Duration.between(start, r.startedAt()).toMillis() / span;
                long ms = Duration.between(r.startedAt(), r.finishedAt()).toMillis();
                double w = Math.max(1.5, WIDTH * ms / span);
                h.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(y + 2).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"").append(rowH - 4).append("\" rx=\"2\" class=\"tl o-").append(r.outcome().name())
                        .append("\"><title>").append(esc(r.instanceId() + " " + r.outcome().label() + ": " + seconds(ms)))
                        .append("</title></rect>");
            } else {
                h.append("<text x=\"").append(LEFT).append("\" y=\"").append(y + rowH - 4).append("\" class=\"val\">not started</text>");
            }
            h.append('\n');
            y += rowH;
        }
        timeAxis(h, y + 2, span);
        h.append("</svg></div>\n");
    }

    /** Hosts running in each of {@link #BUCKETS} intervals, stacked by outcome; axes with ticks. */
    private static void aggregate(StringBuilder h, List<HostResult> ran, Instant start, double span) {
        int[][] counts = new int[STACK.length][BUCKETS];
        double bucket = span / BUCKETS;
        for (HostResult r : ran) {
            int s = stack(r.outcome());
            int from = (int) Math.min(BUCKETS - 1, Duration.between(start, r.startedAt()).toMillis() / bucket);
            int to = (int) Math.min(BUCKETS - 1, Math.max(from, (Duration.between(start, r.finishedAt()).toMillis() - 1) / bucket));
            for (int b = from; b <= to; b++) {
                counts[s][b]++;
            }
        }
        int max = 1;
        for (int b = 0; b < BUCKETS; b++) {
            int sum = 0;
            for (int[] c : counts) {
                sum += c[b];
            }
            max = Math.max(max, sum);
        }
        int plotH = 160;
        int top = 8;
        int height = top + plotH + 30;
        h.append("<div class=\"scroll\"><svg class=\"tlsvg\" viewBox=\"0 0 ").append(LEFT + WIDTH + 10).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"hosts running over the cycle\">\n");
        h.append("<text x=\"0\" y=\"").append(top + 12).append("\" class=\"axis\">hosts running</text>")
                .append("<text x=\"0\" y=\"").append(top + 28).append("\" class=\"val\">per ").append(seconds(bucket)).append("</text>");
        for (int tick : new int[] {0, (max + 1) / 2, max}) {
            double ty = top + plotH - (double) plotH * tick / max;
            h.append("<line x1=\"").append(LEFT - 4).append("\" x2=\"").append(LEFT + WIDTH).append("\" y1=\"").append(fmt(ty))
                    .append("\" y2=\"").append(fmt(ty)).append("\" class=\"grid\"/><text x=\"").append(LEFT - 8).append("\" y=\"")
                    .append(fmt(ty + 4)).append("\" class=\"val\" text-anchor=\"end\">").append(tick).append("</text>");
        }
        double bw = (double) WIDTH / BUCKETS;
        for (int b = 0; b < BUCKETS; b++) {
            double y = top + plotH;
            int total = 0;
            for (int s = 0; s < STACK.length; s++) {
                int n = counts[s][b];
                total += n;
                if (n == 0) {
                    continue;
                }
                double bh = (double) plotH * n / max;
                y -= bh;
                h.append("<rect x=\"").append(fmt(LEFT + b * bw)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                        .append(fmt(bw - 1)).append("\" height=\"").append(fmt(bh)).append("\" class=\"tl o-").append(STACK[s].name())
                        .append("\" data-bucket=\"").append(b).append("\"><title>").append(n).append(' ')
                        .append(esc(STACK[s].label())).append(" running at ").append(seconds(b * bucket)).append("</title></rect>");
            }
            if (total > 0) {
                h.append('\n');
            }
        }
        timeAxis(h, top + plotH + 4, span);
        h.append("</svg></div>\n");
    }

    private static void timeAxis(StringBuilder h, int y, double span) {
        for (int i = 0; i <= 4; i++) {
            double x = LEFT + WIDTH * i / 4.0;
            h.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(y).append("\" y2=\"")
                    .append(y + 4).append("\" class=\"grid\"/><text x=\"").append(fmt(x)).append("\" y=\"").append(y + 16)
                    .append("\" class=\"val\" text-anchor=\"").append(i == 0 ? "start" : i == 4 ? "end" : "middle").append("\">")
                    .append(seconds(span * i / 4)).append("</text>");
        }
    }

    private static int stack(HostOutcome o) {
        for (int i = 0; i < STACK.length; i++) {
            if (STACK[i] == o) {
                return i;
            }
        }
        return STACK.length - 1;
    }

    private static String seconds(double ms) {
        return ms >= 120_000 ? String.format(Locale.ROOT, "%.1f min", ms / 60_000) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
