package io.patchctl.aws;

import java.util.regex.Pattern;

/**
 * Run Command's rate controls as the SSM API accepts them (boto/botocore
 * botocore/data/ssm/2014-11-06/service-2.json, commit 0e6e2404b85dc336dd2889814e089bde7d1a4c55, shapes
 * MaxConcurrency and MaxErrors, both 1-7 characters). Checked before SendCommand so a bad value is a
 * usage error naming the option, not a ValidationException from the service.
 */
public final class SsmRateControls {

    private static final Pattern MAX_CONCURRENCY = Pattern.compile("^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$");
    private static final Pattern MAX_ERRORS = Pattern.compile("^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$");
    private static final int MAX_LENGTH = 7;

    private SsmRateControls() {
    }

    public static String maxConcurrency(String value) {
        return check(value, MAX_CONCURRENCY, "--max-concurrency", "a count from 1 or a percentage 1%..100%, e.g. 10 or 10%");
    }

    public static String maxErrors(String value) {
        return check(value, MAX_ERRORS, "--max-errors", "a count from 0 or a percentage 0%..100%, e.g. 1 or 10%");
    }

    private static String check(String value, Pattern pattern, String option, String expected) {
        if (value == null || value.length() > MAX_LENGTH || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a value Run Command accepts (expected "
                    + expected + ")");
        }
        return value;
    }
}
