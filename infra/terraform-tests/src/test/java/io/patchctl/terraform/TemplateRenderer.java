package io.patchctl.terraform;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the subset of Terraform's template language our {@code *.tftpl} files may use, the way
 * {@code templatefile()} does: {@code ${name}}, {@code $${} and {@code %%{} escapes, and
 * {@code %{ if name != "" }...%{ endif }} (also {@code ==}). Anything else is rejected, so a template
 * cannot silently grow syntax the tests do not understand; a name without a value is an error, as
 * it is for Terraform.
 */
final class TemplateRenderer {

    private static final Pattern IF = Pattern.compile(
            "%\\{(~?)\\s*if\\s+([a-z_][a-z0-9_]*)\\s*(==|!=)\\s*\"\"\\s*(~?)}(.*?)%\\{(~?)\\s*endif\\s*(~?)}", Pattern.DOTALL);
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private TemplateRenderer() {
    }

    static String renderFile(Path template, Map<String, String> values) {
        return render(TerraformTree.read(template), values, template.getFileName().toString());
    }

    static String render(String template, Map<String, String> values, String origin) {
        String text = renderConditionals(template, values, origin);
        int directive = indexOfDirective(text);
        if (directive >= 0) {
            throw new IllegalArgumentException(origin + ": unsupported template directive at offset " + directive
                    + " ('" + snippet(text, directive) + "'); only %{ if name != \"\" } ... %{ endif } is understood");
        }
        Matcher m = INTERPOLATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1).strip();
            if (!NAME.matcher(expression).matches()) {
                throw new IllegalArgumentException(origin + ": unsupported interpolation '${" + m.group(1)
                        + "}'; templates may only interpolate plain variable names");
            }
            String value = values.get(expression);
            if (value == null) {
                throw new IllegalArgumentException(origin + ": template variable '" + expression
                        + "' has no value (templatefile() would fail: vars map lacks it)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("$${", "${").replace("%%{", "%{");
    }

    /**
     * Conditionals with Terraform's strip markers: {@code %{~} drops the whitespace (newlines included)
     * before a directive, {@code ~}} the whitespace after it, so a skipped block leaves no blank line.
     */
    private static String renderConditionals(String template, Map<String, String> values, String origin) {
        Matcher m = IF.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            String name = m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException(origin + ": template variable '" + name
                        + "' used in %{ if } has no value");
            }
            boolean empty = value.isEmpty();
            boolean keep = m.group(3).equals("==") == empty;
            String before = template.substring(last, m.start());
            out.append(m.group(1).isEmpty() ? before : before.stripTrailing());
            String body = m.group(5);
            if (!m.group(4).isEmpty()) {
                body = body.stripLeading();
            }
            if (!m.group(6).isEmpty()) {
                body = body.stripTrailing();
            }
            if (keep) {
                out.append(body);
            }
            last = m.end();
            if (!m.group(7).isEmpty()) {
                while (last < template.length() && Character.isWhitespace(template.charAt(last))) {
                    last++;
                }
            }
        }
        out.append(template.substring(last));
        return out.toString();
    }

    private static int indexOfDirective(String text) {
        for (int i = text.indexOf("%{"); i >= 0; i = text.indexOf("%{", i + 2)) {
            if (i == 0 || text.charAt(i - 1) != '%') {
                return i;
            }
        }
        return -1;
    }

    private static String snippet(String text, int at) {
        return text.substring(at, Math.min(text.length(), at + 30)).replace('\n', ' ');
    }

    /** Every plain variable name a template uses, so tests can compare it with the vars map in the .tf. */
    static java.util.Set<String> variablesOf(String template) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Matcher i = INTERPOLATION.matcher(template);
        while (i.find()) {
            names.add(i.group(1).strip());
        }
        Matcher c = IF.matcher(template);
        while (c.find()) {
            names.add(c.group(2));
            Matcher inner = INTERPOLATION.matcher(c.group(5));
            while (inner.find()) {
                names.add(inner.group(1).strip());
            }
        }
        return names;
    }
}
