package io.patchctl.terraform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code templatefile("${path.module}/...", { ... })} calls of a module, as written. */
final class TemplatefileCalls {

    private static final Pattern CALL = Pattern.compile(
            "templatefile\\(\"\\$\\{path\\.module}/([^\"]+)\",\\s*\\{(.*?)}\\)", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("(?m)^\\s*([a-z_][a-z0-9_]*)\\s*=");

    record Call(Path moduleDir, String templatePath, Set<String> keys, String body) {
        Path template() {
            return moduleDir.resolve(templatePath);
        }
    }

    private TemplatefileCalls() {
    }

    static List<Call> in(Path moduleDir) {
        List<Call> calls = new ArrayList<>();
        Matcher m = CALL.matcher(HclSource.module(moduleDir).text());
        while (m.find()) {
            Set<String> keys = new TreeSet<>();
            Matcher k = KEY.matcher(m.group(2));
            while (k.find()) {
                keys.add(k.group(1));
            }
            calls.add(new Call(moduleDir, m.group(1), keys, m.group(2)));
        }
        return calls;
    }

    static Call of(Path moduleDir, String templatePath) {
        return in(moduleDir).stream().filter(c -> c.templatePath().equals(templatePath)).findFirst()
                .orElseThrow(() -> new AssertionError("no templatefile(\"${path.module}/" + templatePath + "\", ...) in "
                        + moduleDir));
    }

    /** The expression bound to one key of the vars map, as written (for wiring checks). */
    static String binding(Call call, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*=\\s*(.+?)\\s*$").matcher(call.body());
        if (!m.find()) {
            throw new AssertionError("templatefile " + call.templatePath() + " binds no '" + key + "'");
        }
        return m.group(1);
    }
}
