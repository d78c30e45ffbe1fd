package io.patchctl.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one bash command (with backslash-newline continuations) into the argument vector bash
 * would pass, for the quoting our script uses: '...' literal, "..." with $VAR / ${VAR} and
 * "${ARRAY[@]}" expansion, bare words. Command substitution, globbing and unknown variables are
 * errors: the test must see exactly what the host will run.
 */
final class ShellWords {

    private static final Pattern ARRAY = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\[@]}$");
    private static final Pattern SCALAR = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private ShellWords() {
    }

    static List<String> split(String command, Map<String, String> scalars, Map<String, List<String>> arrays) {
        String text = command.replace("\\\n", " ");
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            StringBuilder word = new StringBuilder();
            boolean quotedArray = false;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                char ch = text.charAt(i);
                if (ch == '\'') {
                    int end = text.indexOf('\'', i + 1);
                    require(end > 0, "unterminated single quote in: " + command);
                    word.append(text, i + 1, end);
                    i = end + 1;
                } else if (ch == '"') {
                    int end = text.indexOf('"', i + 1);
                    require(end > 0, "unterminated double quote in: " + command);
                    String inner = text.substring(i + 1, end);
                    require(!inner.contains("$("), "command substitution in: " + inner);
                    Matcher array = ARRAY.matcher(inner);
                    if (array.matches() && word.length() == 0) {
                        List<String> values = arrays.get(array.group(1));
                        require(values != null, "unknown array ${" + array.group(1) + "[@]}");
                        words.addAll(values);
                        quotedArray = true;
                    } else {
                        word.append(expand(inner, scalars));
                    }
                    i = end + 1;
                } else {
                    require("$*?[`;|&<>(){}".indexOf(ch) < 0, "unquoted shell syntax '" + ch + "' in: " + command);
                    word.append(ch);
                    i++;
                }
            }
            if (!quotedArray) {
                words.add(word.toString());
            }
        }
        return words;
    }

    private static String expand(String text, Map<String, String> scalars) {
        Matcher m = SCALAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = scalars.get(m.group(1));
            require(value != null, "unknown variable $" + m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
