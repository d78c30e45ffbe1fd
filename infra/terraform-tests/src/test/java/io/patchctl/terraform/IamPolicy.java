package io.patchctl.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An IAM policy document, read from rendered JSON, with the checks every patchctl policy must pass. */
record IamPolicy(String name, List<Statement> statements) {

    /**
     * Actions AWS only authorises on Resource "*" (no resource-level permissions), and why we need them.
     * Anything else on "*" fails the audit.
     */
    static final java.util.Map<String, String> STAR_RESOURCE_ALLOWED = java.util.Map.of(
            "ssm:PutComplianceItems", "no resource types; narrowed by the ec2:SourceInstanceARN condition",
            "ssm:ListCommands", "no resource types; the maintenance window follows the commands it sent",
            "ssm:ListCommandInvocations", "no resource types; per-host status of the patch command",
            "ssm:GetCommandInvocation", "no resource types; per-host status of the patch command",
            "ssm:CancelCommand", "no resource types; the window cancels its command at cutoff");

    record Statement(String sid, String effect, List<String> actions, List<String> resources, JsonNode condition) {
        boolean hasAction(String action) {
            return actions.contains(action);
        }
    }

    static IamPolicy parse(String name, String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            if (!"2012-10-17".equals(root.path("Version").asText())) {
                throw new AssertionError(name + ": Version must be 2012-10-17");
            }
            List<Statement> statements = new ArrayList<>();
            for (JsonNode s : root.path("Statement")) {
                if (s.has("NotAction") || s.has("NotResource") || s.has("NotPrincipal")) {
                    throw new AssertionError(name + ": NotAction/NotResource/NotPrincipal are not allowed");
                }
                statements.add(new Statement(s.path("Sid").asText(), s.path("Effect").asText(), strings(s.path("Action")),
                        strings(s.path("Resource")), s.get("Condition")));
            }
            if (statements.isEmpty()) {
                throw new AssertionError(name + ": no statements");
            }
            return new IamPolicy(name, statements);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(name + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** No wildcard action, and Resource "*" only for the actions AWS requires it for. */
    IamPolicy auditWildcards() {
        for (Statement s : statements) {
            for (String action : s.actions()) {
                if (action.contains("*")) {
                    throw new AssertionError(name + " statement " + s.sid() + ": wildcard action '" + action + "'");
                }
            }
            if (s.resources().contains("*")) {
                for (String action : s.actions()) {
                    if (!STAR_RESOURCE_ALLOWED.containsKey(action)) {
                        throw new AssertionError(name + " statement " + s.sid() + ": '" + action
                                + "' on Resource \"*\" (only " + STAR_RESOURCE_ALLOWED.keySet() + " may be)");
                    }
                }
            }
        }
        return this;
    }

    List<Statement> withAction(String action) {
        return statements.stream().filter(s -> s.hasAction(action)).toList();
    }

    /** Every resource any statement grants this action on. */
    Set<String> resourcesOf(String action) {
        Set<String> all = new java.util.TreeSet<>();
        withAction(action).forEach(s -> all.addAll(s.resources()));
        return all;
    }

    List<String> allActions() {
        return statements.stream().flatMap(s -> s.actions().stream()).toList();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
