package io.patchctl.cli.simulate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SSM Run Command's rate controls for one cycle: at most {@code maxConcurrency} hosts at a time, and
 * no new host is started once more than {@code maxErrors} hosts have failed (SSM semantics: 0 stops
 * after the first failure; hosts already running are allowed to finish).
 */
public record RateControl(int maxConcurrency, int maxErrors) {

    private static final Pattern VALUE = Pattern.compile("(\\d{1,9})(%?)");

    public RateControl {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max concurrency must be >= 1, was " + maxConcurrency);
        }
        if (maxErrors < 0) {
            throw new IllegalArgumentException("max errors must be >= 0, was " + maxErrors);
        }
    }

    /**
     * Resolves SSM-style values ("10" or "25%") against the number of targets. A percentage of
     * concurrency rounds up (at least one host runs); a percentage of errors rounds down, as SSM
     * documents for 10% of 50 targets = 5 errors allowed.
     *
     * @throws IllegalArgumentException naming the bad value and the expected form
     */
    public static RateControl parse(String concurrency, String errors, int targets) {
        if (targets < 0) {
            throw new IllegalArgumentException("targets must be >= 0, was " + targets);
        }
        int c = resolve("--concurrency", concurrency, targets, true);
        int e = resolve("--max-errors", errors, targets, false);
        return new RateControl(Math.max(1, c), e);
    }

    private static int resolve(String option, String text, int targets, boolean roundUp) {
        Matcher m = VALUE.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " must be a whole number or a percentage like 25%, was '"
                    + text + "'");
        }
        long value = Long.parseLong(m.group(1));
        if (m.group(2).isEmpty()) {
            if (option.equals("--concurrency") && value == 0) {
                throw new IllegalArgumentException("--concurrency must be at least 1, was '" + text + "'");
            }
            return (int) Math.min(value, Integer.MAX_VALUE);
        }
        if (value > 100) {
            throw new IllegalArgumentException(option + " percentage must be between 0% and 100%, was '" + text + "'");
        }
        if (option.equals("--concurrency") && value == 0) {
            throw new IllegalArgumentException("--concurrency must be at least 1%, was '" + text + "'");
        }
        long scaled = value * targets;
        return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
}
