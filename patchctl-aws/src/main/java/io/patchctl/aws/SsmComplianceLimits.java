package io.patchctl.aws;

import io.patchctl.core.compliance.ComplianceItem;
import io.patchctl.core.compliance.ComplianceItems;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SSM API's limits on PutComplianceItems, from the service model (boto/botocore
 * botocore/data/ssm/2014-11-06/service-2.json, commit 0e6e2404b85dc336dd2889814e089bde7d1a4c55):
 * ComplianceTypeName pattern {@code [A-Za-z0-9_\-]\w+|Custom:[a-zA-Z0-9_\-]\w+}, 1-100 characters;
 * ComplianceItemTitle at most 500; ComplianceItemEntryList at most 10,000 items; ComplianceItemDetails
 * keys (AttributeName) 1-64, values (AttributeValue) at most 4096; ComplianceSeverity and
 * ComplianceStatus enums; ComplianceResourceId at most 100; ComplianceExecutionId at most 100.
 * A request outside them is rejected whole, so items are fitted here rather than lost.
 */
public final class SsmComplianceLimits {

    public static final int MAX_TYPE = 100;
    public static final int MAX_TITLE = 500;
    public static final int MAX_ITEMS = 10_000;
    public static final int MAX_DETAIL_KEY = 64;
    public static final int MAX_DETAIL_VALUE = 4096;
    public static final int MAX_EXECUTION_ID = 100;
    private static final Pattern CUSTOM_TYPE = Pattern.compile("Custom:[a-zA-Z0-9_\\-]\\w+");
    private static final Set<String> SEVERITIES = Set.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNSPECIFIED");
    private static final Set<String> STATUSES = Set.of(ComplianceItems.COMPLIANT, ComplianceItems.NON_COMPLIANT);
    private static final String ELLIPSIS = "…";

    private SsmComplianceLimits() {
    }

    /** A custom compliance type the API accepts (the Patch Manager types are not ours to write). */
    public static String complianceType(String type) {
        if (type == null || type.length() > MAX_TYPE || !CUSTOM_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("compliance type must be Custom:<name> of at most " + MAX_TYPE
                    + " characters (a letter, digit, _ or -, then letters, digits or _), was '" + type + "'");
        }
        return type;
    }

    /**
     * The items as the API accepts them: titles and details cut to their limits (marked with "…"), at
     * most 10,000 items with the non-compliant ones kept first. Severity and status must already be
     * values of the API's enums: a wrong one is a bug, reported as such.
     */
    public static List<ComplianceItem> fit(List<ComplianceItem> items) {
        List<ComplianceItem> ordered = new ArrayList<>(items);
        if (ordered.size() > MAX_ITEMS) {
            ordered.sort(Comparator.comparing(i -> ComplianceItems.COMPLIANT.equals(i.status())));
            ordered = ordered.subList(0, MAX_ITEMS);
        }
        List<ComplianceItem> out = new ArrayList<>(ordered.size());
        for (ComplianceItem item : ordered) {
            if (!SEVERITIES.contains(item.severity()) || !STATUSES.contains(item.status())) {
                throw new IllegalArgumentException("compliance item " + item.id() + " has severity '" + item.severity()
                        + "' / status '" + item.status() + "' outside the API's enums " + SEVERITIES + " / " + STATUSES);
            }
            Map<String, String> details = new LinkedHashMap<>();
            item.details().forEach((k, v) -> details.put(cut(k, MAX_DETAIL_KEY), v == null ? null : cut(v, MAX_DETAIL_VALUE)));
            out.add(new ComplianceItem(item.id(), item.title() == null ? null : cut(item.title(), MAX_TITLE), item.severity(),
                    item.status(), details));
        }
        return out;
    }

    /** At most {@code max} characters (UTF-16 units, as the API counts string length), the cut marked. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never half a character
        }
        return s.substring(0, end) + ELLIPSIS;
    }
}
