package io.patchctl.core.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchctl.core.advisory.SecurityUpdate;
import io.patchctl.core.model.ModelReply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns model text into a {@link PatchPlan}, or says why it cannot. Accepts the plan JSON alone,
 * inside prose or inside markdown fences; otherwise seed-style dnf command lines through the
 * {@link DnfCommandParser} allow-list. A truncated, empty, oversized or ill-typed reply is a failure.
 * The plan is still only advice: PolicyGuard checks every name against discovery afterwards.
 */
public final class PlanReplyParser {

    /** A plan for hundreds of packages fits in a few KiB; anything this large is not a plan. */
    public static final int MAX_REPLY_CHARS = 64 * 1024;
    static final int MAX_REJECTIONS = 40;
    private static final int MAX_JSON_CANDIDATES = 32;
    private static final int MAX_REASONING = 2000;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern FENCE = Pattern.compile("```[A-Za-z0-9_-]*[ \\t]*\\R(.*?)```", Pattern.DOTALL);
    /** Every newline form, so "\r" or U+2028 cannot hide a second command on a line. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|[\\n\\r\\u000B\\u000C\\u0085\\u2028\\u2029]");
    private static final Pattern COMMAND_LIKE = Pattern.compile(
            "^(?:[$#]\\s+)?(?:sudo\\s+)?(?:dnf|yum|rpm|curl|wget|bash|sh|rm|chmod|chown|python3?|perl|echo|systemctl"
                    + "|subscription-manager|nc|scp|ssh|mkfs|dd)\\b.*|.*(?:\\$\\(|`|&&|\\|\\s*(?:ba)?sh\\b|;\\s*\\w).*");

    /** Shell syntax or a package-manager order inside prose; ordinary sentences ("the dnf test transaction") do not match. */
    private static final Pattern PROSE_COMMAND = Pattern.compile(
            "\\$\\(|`|&&|\\|\\||\\|\\s*(?:ba)?sh\\b|\\brm\\s+-[a-z]*[rf]|\\bcurl\\s+\\S*https?://|\\brpm\\s+-[iUeF]"
                    + "|\\b(?:dnf|yum)\\s+(?:-\\S+\\s+)*(?:install|upgrade|update|remove|erase|downgrade|reinstall|config-manager|swap)\\s+\\S",
            Pattern.CASE_INSENSITIVE);

    private final DnfCommandParser dnf = new DnfCommandParser();

    /** Parses a reply; a truncated reply ({@code stop_reason=max_tokens}) is a failure whatever its text. */
    public ParsedReply parse(ModelReply reply, List<SecurityUpdate> discovered) {
        if (reply.truncated()) {
            return ParsedReply.failed("reply truncated (stop_reason=" + reply.stopReason() + ") after "
                    + reply.outputTokens() + " output tokens", List.of());
        }
        return parse(reply.text(), discovered);
    }

    public ParsedReply parse(String text, List<SecurityUpdate> discovered) {
        if (text == null || text.isBlank()) {
            return ParsedReply.failed("empty reply", List.of());
        }
        if (text.length() > MAX_REPLY_CHARS) {
            return ParsedReply.failed("reply of " + text.length() + " characters exceeds the limit of "
                    + MAX_REPLY_CHARS, List.of());
        }
        Rejections rejections = new Rejections();
        JsonCandidate json = findPlanJson(text);
        if (json != null) {
            if (json.error != null) {
                return ParsedReply.failed(json.error, rejections.list());
            }
            recordCommandsOutside(text, json, rejections);
            try {
                PatchPlan plan = planFromJson(json.node, discovered, rejections);
                return ParsedReply.ok(plan, rejections.list(), "json");
            } catch (IllegalArgumentException e) {
                return ParsedReply.failed("plan JSON has wrong types: " + e.getMessage(), rejections.list());
            }
        }
        return parseDnfLines(text, discovered, rejections);
    }

    // ---- JSON ----

    private static final class JsonCandidate {
        JsonNode node;
        int start;
        int end;
        String error;
    }

    /**
     * The first JSON object that looks like a plan (has "install" or "hold"): fenced blocks first,
     * then every '{' in the text. A candidate that parses but is not a plan is skipped.
     */
    private JsonCandidate findPlanJson(String text) {
        List<int[]> regions = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            regions.add(new int[] {fence.start(1), fence.end(1)});
        }
        regions.add(new int[] {0, text.length()});
        String firstError = null;
        int tried = 0;
        for (int[] region : regions) {
            for (int i = text.indexOf('{', region[0]); i >= 0 && i < region[1]; i = text.indexOf('{', i + 1)) {
                if (++tried > MAX_JSON_CANDIDATES) {
                    break;
                }
                try (JsonParser parser = MAPPER.getFactory().createParser(text.substring(i, region[1]))) {
                    JsonNode node = MAPPER.readTree(parser);
                    if (node != null && node.isObject() && (node.has("install") || node.has("hold") || node.has(PlanSchema.INSTALL_ALL))) {
                        JsonCandidate c = new JsonCandidate();
                        c.node = node;
                        c.start = i;
                        c.end = i + (int) parser.currentLocation().getCharOffset();
                        return c;
                    }
                } catch (JsonProcessingException e) {
                    if (firstError == null && (text.indexOf("\"install", i) >= 0 || text.indexOf("\"hold\"", i) >= 0)) {
                        firstError = "plan JSON is not valid JSON: " + e.getOriginalMessage();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("reading a string cannot fail", e);
                }
            }
        }
        if (firstError != null) {
            JsonCandidate c = new JsonCandidate();
            c.error = firstError;
            return c;
        }
        return null;
    }

    private PatchPlan planFromJson(JsonNode node, List<SecurityUpdate> discovered, Rejections rejections) {
        List<String> install = new ArrayList<>();
        JsonNode in = node.path("install");
        if (!in.isMissingNode() && !in.isNull()) {
            if (!in.isArray()) {
                throw new IllegalArgumentException("\"install\" must be an array of package names, was " + kind(in));
            }
            for (int i = 0; i < in.size(); i++) {
                if (!in.get(i).isTextual()) {
                    throw new IllegalArgumentException("install[" + i + "] must be a package name string, was " + kind(in.get(i)));
                }
                install.add(io.patchctl.core.plan.RpmNames.withoutArch(in.get(i).asText())); // as the dnf-line parser does
            }
        }
        List<HeldPackage> hold = new ArrayList<>();
        JsonNode h = node.path("hold");
        if (!h.isMissingNode() && !h.isNull()) {
            if (!h.isArray()) {
                throw new IllegalArgumentException("\"hold\" must be an array, was " + kind(h));
            }
            for (int i = 0; i < h.size(); i++) {
                JsonNode item = h.get(i);
                if (item.isTextual()) {
                    addHold(hold, io.patchctl.core.plan.RpmNames.withoutArch(item.asText()), "", rejections);
                } else if (item.isObject()) {
                    JsonNode name = first(item, "package", "package_name", "name");
                    if (!name.isTextual()) {
                        throw new IllegalArgumentException("hold[" + i + "].package must be a string, was " + kind(name));
                    }
                    JsonNode reason = item.path("reason");
                    if (!reason.isMissingNode() && !reason.isNull() && !reason.isTextual()) {
                        throw new IllegalArgumentException("hold[" + i + "].reason must be a string, was " + kind(reason));
                    }
                    addHold(hold, io.patchctl.core.plan.RpmNames.withoutArch(name.asText()), reason.isTextual() ? cap(reason.asText(), 300) : "", rejections);
                } else {
                    throw new IllegalArgumentException("hold[" + i + "] must be an object or a string, was " + kind(item));
                }
            }
        }
        if (hold.size() > PlanSchema.MAX_HOLDS) {
            throw new IllegalArgumentException("\"hold\" lists " + hold.size() + " packages, more than the "
                    + PlanSchema.MAX_HOLDS + " a plan may hold");
        }
        JsonNode risk = node.path("risk");
        if (!risk.isMissingNode() && !risk.isNull() && !risk.isTextual()) {
            throw new IllegalArgumentException("\"risk\" must be LOW, MEDIUM or HIGH, was " + kind(risk));
        }
        JsonNode reasoning = node.path("reasoning");
        if (!reasoning.isMissingNode() && !reasoning.isNull() && !reasoning.isTextual()) {
            throw new IllegalArgumentException("\"reasoning\" must be a string, was " + kind(reasoning));
        }
        JsonNode all = node.path(PlanSchema.INSTALL_ALL);
        if (!all.isMissingNode() && !all.isNull() && !all.isBoolean()) {
            throw new IllegalArgumentException("\"" + PlanSchema.INSTALL_ALL + "\" must be true or false, was " + kind(all));
        }
        if (!all.isBoolean() && (in.isMissingNode() || in.isNull())) {
            // "Install everything else" must be said, never implied by a missing list.
            throw new IllegalArgumentException("the plan states neither \"" + PlanSchema.INSTALL_ALL
                    + "\" nor an \"install\" list");
        }
        if (all.asBoolean(false)) {
            install = installAllOther(install, hold, discovered);
        }
        String why = reasoning.isTextual() ? cap(reasoning.asText(), MAX_REASONING) : "";
        recordCommandsInProse("command-like text in the reasoning (kept as text, never run)", why, rejections);
        for (HeldPackage held : hold) {
            recordCommandsInProse("command-like text in the hold reason of " + held.packageName()
                    + " (kept as text, never run)", held.reason(), rejections);
        }
        return new PatchPlan(install, hold, Risk.parse(risk.isTextual() ? risk.asText() : null), why);
    }

    /**
     * Every reported package no hold matches, plus whatever the reply listed explicitly (PolicyGuard
     * refuses those dnf did not report, and the refusal is recorded).
     */
    private static List<String> installAllOther(List<String> listed, List<HeldPackage> hold, List<SecurityUpdate> discovered) {
        List<PackageGlob> holds = new ArrayList<>();
        for (HeldPackage h : hold) {
            holds.add(PackageGlob.of(h.packageName()));
        }
        Set<String> install = new LinkedHashSet<>();
        for (String name : PolicyGuard.byName(discovered).keySet()) {
            if (holds.stream().noneMatch(g -> g.matches(name))) {
                install.add(name);
            }
        }
        for (String name : listed) {
            String n = name == null ? "" : name.strip();
            if (holds.stream().noneMatch(g -> RpmNames.isValid(n) && g.matches(n))) {
                install.add(name);
            }
        }
        return new ArrayList<>(install);
    }

    /** An install order hidden in prose changes nothing (prose is never read as a plan), but the report shows it. */
    private static void recordCommandsInProse(String reason, String prose, Rejections rejections) {
        if (prose == null || prose.isEmpty()) {
            return;
        }
        for (String line : LINE_BREAK.split(prose)) {
            if (PROSE_COMMAND.matcher(line).find()) {
                rejections.add(reason, line.strip());
            }
        }
    }

    /** Commands in the prose around the JSON are ignored; they are recorded so the report shows them. */
    private void recordCommandsOutside(String text, JsonCandidate json, Rejections rejections) {
        String outside = text.substring(0, json.start) + "\n" + text.substring(Math.min(json.end, text.length()));
        for (String line : LINE_BREAK.split(outside)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("```") && COMMAND_LIKE.matcher(l).matches()) {
                rejections.add("command outside the plan JSON, ignored", l);
            }
        }
    }

    // ---- seed-style dnf lines ----

    private ParsedReply parseDnfLines(String text, List<SecurityUpdate> discovered, Rejections rejections) {
        Map<String, List<SecurityUpdate>> byName = PolicyGuard.byName(discovered);
        Set<String> install = new LinkedHashSet<>();
        List<PackageGlob> excludes = new ArrayList<>();
        int accepted = 0;
        for (String raw : LINE_BREAK.split(text)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("```")) {
                continue;
            }
            DnfCommandLine parsed = dnf.parse(line);
            if (!parsed.accepted()) {
                rejections.add(parsed.reason(), line);
                continue;
            }
            accepted++;
            install.addAll(parsed.allSecurity() ? byName.keySet() : parsed.packages());
            parsed.excludes().forEach(g -> excludes.add(PackageGlob.of(g)));
        }
        if (accepted == 0) {
            return ParsedReply.failed("no plan JSON and no allowed dnf upgrade command in the reply", rejections.list());
        }
        List<String> installList = new ArrayList<>();
        List<HeldPackage> hold = new ArrayList<>();
        for (String name : install) {
            PackageGlob hit = excludes.stream().filter(g -> g.matches(name)).findFirst().orElse(null);
            if (hit == null) {
                installList.add(name);
            } else {
                hold.add(new HeldPackage(name, "excluded by the advised dnf command (--exclude=" + hit + ")"));
            }
        }
        return ParsedReply.ok(new PatchPlan(installList, hold, Risk.HIGH,
                "parsed from " + accepted + " allowed dnf command line(s) in the model's reply (risk not stated)"),
                rejections.list(), "dnf-lines");
    }

    // ---- helpers ----

    /** A hold cannot install anything, but a hold that is not a package name or glob is still recorded and dropped. */
    private static void addHold(List<HeldPackage> hold, String name, String reason, Rejections rejections) {
        if (RpmNames.isValid(name)) {
            hold.add(new HeldPackage(name, reason));
            return;
        }
        try {
            hold.add(new HeldPackage(PackageGlob.of(name).toString(), reason));
        } catch (IllegalArgumentException e) {
            rejections.add("hold item is not a package name", name);
        }
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String n : names) {
            if (node.has(n)) {
                return node.get(n);
            }
        }
        return node.path(names[0]);
    }

    private static String kind(JsonNode n) {
        return n.isMissingNode() ? "missing" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String cap(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }

    /** Bounded list of "reason: item" strings; a hostile reply cannot make the report huge. */
    private static final class Rejections {
        private final List<String> items = new ArrayList<>();
        private int dropped;

        void add(String reason, String item) {
            if (items.size() < MAX_REJECTIONS) {
                items.add(reason + ": " + cap(item, 160));
            } else {
                dropped++;
            }
        }

        List<String> list() {
            if (dropped == 0) {
                return items;
            }
            List<String> all = new ArrayList<>(items);
            all.add("… " + dropped + " more refused line(s) not listed");
            return all;
        }
    }

}
