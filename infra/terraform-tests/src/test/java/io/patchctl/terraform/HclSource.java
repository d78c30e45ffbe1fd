package io.patchctl.terraform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blocks and attribute expressions of a Terraform module as source text.
 *
 * <p>hcl4j parses the syntax and returns literals, but it half-evaluates references
 * ({@code var.x} may come back as null or as another block's attribute) and drops function calls.
 * Wiring checks ("the ESM invokes the alias", "the task uses var.max_concurrency") therefore read
 * the expression as written. Nested blocks are skipped, so only a block's own attributes are seen.
 */
final class HclSource {

    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*=\\s*(.*?)\\s*$");

    private final String text;
    private final String origin;

    private HclSource(String text, String origin) {
        this.text = stripComments(text);
        this.origin = origin;
    }

    /** All .tf files of one module directory, concatenated (Terraform merges them the same way). */
    static HclSource module(Path moduleDir) {
        StringBuilder all = new StringBuilder();
        for (Path file : TerraformTree.moduleFiles(moduleDir)) {
            all.append(TerraformTree.read(file)).append('\n');
        }
        return new HclSource(all.toString(), moduleDir.toString());
    }

    String text() {
        return text;
    }

    /** The body of {@code resource "type" "name" { ... }} (without the outer braces). */
    String resource(String type, String name) {
        return block("resource \"" + type + "\" \"" + name + "\"");
    }

    String module(String name) {
        return block("module \"" + name + "\"");
    }

    String variable(String name) {
        return block("variable \"" + name + "\"");
    }

    Optional<String> findBlock(String header) {
        int start = text.indexOf(header + " {");
        if (start < 0) {
            return Optional.empty();
        }
        int open = text.indexOf('{', start);
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return Optional.of(text.substring(open + 1, i));
                }
            }
        }
        throw new IllegalStateException("unbalanced braces after '" + header + "' in " + origin);
    }

    String block(String header) {
        return findBlock(header).orElseThrow(() -> new AssertionError("no block '" + header + "' in " + origin));
    }

    /** The first nested block of that name inside a block body, e.g. {@code scaling_config}. */
    static String nested(String body, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*\\{").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no nested block '" + name + "' in:\n" + body);
        }
        int depth = 0;
        for (int i = m.end() - 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return body.substring(m.end(), i);
                }
            }
        }
        throw new AssertionError("unbalanced nested block '" + name + "'");
    }

    /** The attributes written directly in a block body: name to expression source (first line). */
    static Map<String, String> attributes(String body) {
        Map<String, String> result = new LinkedHashMap<>();
        int depth = 0;
        for (String line : body.split("\n")) {
            if (depth == 0) {
                Matcher m = ATTRIBUTE.matcher(line);
                if (m.matches() && !result.containsKey(m.group(1))) {
                    result.put(m.group(1), m.group(2));
                }
            }
            for (char c : line.toCharArray()) {
                if (c == '{' || c == '[' || c == '(') {
                    depth++;
                } else if (c == '}' || c == ']' || c == ')') {
                    depth--;
                }
            }
        }
        return result;
    }

    static String attribute(String body, String name) {
        String value = attributes(body).get(name);
        if (value == null) {
            throw new AssertionError("no attribute '" + name + "' in block:\n" + body);
        }
        return value;
    }

    /** Names of all blocks of one kind ("variable", "output"), in order. */
    List<String> blockNames(String kind) {
        Matcher m = Pattern.compile("(?m)^" + kind + "\\s+\"([^\"]+)\"\\s*\\{").matcher(text);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String stripComments(String source) {
        StringBuilder out = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("#") || trimmed.startsWith("//")) {
                out.append('\n');
                continue;
            }
            int hash = trailingCommentStart(line);
            out.append(hash < 0 ? line : line.substring(0, hash)).append('\n');
        }
        return out.toString();
    }

    /** A '#' that starts a trailing comment: outside any string literal on the line. */
    private static int trailingCommentStart(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return i;
            }
        }
        return -1;
    }
}
