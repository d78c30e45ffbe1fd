package io.patchctl.core.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** The S3 / report-dir layout of docs/design.md, in one place. */
public final class ReportKeys {

    /** {@code yyyyMMdd'T'HHmmss'Z'}, UTC. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private ReportKeys() {
    }

    public static String runReport(String env, String instanceId, Instant time, String uniqueSuffix) {
        return "bedrock-patch-runs/" + segment(env) + "/" + segment(instanceId) + "/" + TIMESTAMP.format(time)
                + (uniqueSuffix == null || uniqueSuffix.isEmpty() ? "" : "-" + segment(uniqueSuffix)) + ".json";
    }

    public static String runReportPrefix(String env, String instanceId) {
        return "bedrock-patch-runs/" + segment(env) + "/" + segment(instanceId) + "/";
    }

    public static String insightReport(String env, String instanceId, Instant eventTime, String uniqueSuffix) {
        return "bedrock-patch-insights/" + segment(env) + "/" + segment(instanceId) + "/" + TIMESTAMP.format(eventTime)
                + (uniqueSuffix == null || uniqueSuffix.isEmpty() ? "" : "-" + segment(uniqueSuffix)) + ".json";
    }

    /** Shared analysis of one failure signature (insights' analysis cache). */
    public static String insightSignature(String env, String signatureHash) {
        return "bedrock-patch-insights/" + segment(env) + "/_signatures/" + segment(signatureHash) + ".json";
    }

    /** A raw event insights could not read, kept so nothing is lost; {@code name} is derived from its content. */
    public static String insightRejected(String env, String name) {
        return "bedrock-patch-insights/" + segment(env) + "/_rejected/" + segment(name) + ".json";
    }

    public static String commandOutputPrefix(String env, String commandId, String instanceId) {
        return "bedrock-patch/" + segment(env) + "/" + segment(commandId) + "/" + segment(instanceId) + "/";
    }

    public static String planCache(String env, String fingerprint) {
        return "bedrock-plan-cache/" + segment(env) + "/" + segment(fingerprint) + ".json";
    }

    /** Where one environment's quarantined packages are kept (the per-update circuit breaker). */
    public static String quarantinePrefix(String env) {
        return "bedrock-patch-quarantine/" + segment(env) + "/";
    }

    /** The quarantine record of one package: the first host to fail on it wrote it (conditional create). */
    public static String quarantine(String env, String packageName) {
        return quarantinePrefix(env) + packageSegment(packageName) + ".json";
    }

    /** Each failing host's own evidence for a quarantined package, so that none is lost in a race. */
    public static String quarantineEvidence(String env, String packageName, String instanceId) {
        return quarantinePrefix(env) + packageSegment(packageName) + "/" + segment(instanceId) + ".json";
    }

    /** An RPM name as a key segment: '+' (libstdc++) is not a safe segment character, ':' never occurs in RPM names. */
    private static String packageSegment(String packageName) {
        return segment(packageName == null ? null : packageName.replace('+', ':'));
    }

    /**
     * One host's successful installs in a ring: {@code bedrock-patch-rings/{ring}/successes/{instance-id}/{timestamp}-{run-id}.json}.
     * One object per run, so hosts of a ring recording at once never overwrite each other.
     */
    public static String ringSuccess(String ring, String instanceId, Instant time, String runId) {
        return ringSuccessPrefix(ring) + segment(instanceId) + "/" + TIMESTAMP.format(time) + "-" + segment(runId) + ".json";
    }

    public static String ringSuccessPrefix(String ring) {
        return "bedrock-patch-rings/" + segment(ring) + "/successes/";
    }

    /**
     * Version {@code version} of a ring's approval: {@code bedrock-patch-rings/{ring}/approvals/{version:%08d}.json}.
     * Created only with a conditional create, never replaced: of two promotions racing for one version, one wins.
     */
    public static String ringApproval(String ring, int version) {
        if (version < 1 || version > 99_999_999) {
            throw new IllegalArgumentException("approval version must be 1..99999999, was " + version);
        }
        return ringApprovalPrefix(ring) + String.format("%08d", version) + ".json";
    }

    public static String ringApprovalPrefix(String ring) {
        return "bedrock-patch-rings/" + segment(ring) + "/approvals/";
    }

    /**
     * Rejects key segments that could climb out of the layout or be misread as paths ("..", "/",
     * spaces). Event fields and CLI values reach keys, so they are checked, not trusted.
     */
    public static String segment(String value) {
        if (value == null || !SAFE_SEGMENT.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("not a safe report key segment (expected [A-Za-z0-9._:-], 1-128 chars): '"
                    + value + "'");
        }
        return value;
    }
}
