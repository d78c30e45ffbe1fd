package io.patchctl.core.insights;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from log text before it is stored or sent to a model: AWS access key ids and
 * secret keys, private key blocks, credentials and tokens in URLs, Authorization headers, and
 * {@code key=value} / {@code key: value} lines whose key names a password, token, secret or key.
 */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|\\z)"),
                    "-----BEGIN PRIVATE KEY-----" + MASK + "-----END PRIVATE KEY-----"),
            // user:password@ in any URL (proxy=, baseurl=, curl error lines). The look-behinds here and below
            // only let a match start where a word starts (where the leftmost match starts anyway): without
            // them a long token without a match (a base64 line in a hook's output) costs quadratic time
            // (10,000 characters: 17 s)
            new Rule(Pattern.compile("(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+):[^/\\s@]+@"), "$1:" + MASK + "@"),
            // tokens, signatures and passwords in query strings (presigned URLs, repo tokens)
            new Rule(Pattern.compile("(?i)([?&](?:[a-z0-9_-]*token|password|passwd|pwd|secret|sig|signature|x-amz-signature"
                    + "|x-amz-credential|x-amz-security-token|api_?key|apikey|key)=)[^&\\s\"'#]+"), "$1" + MASK),
            new Rule(Pattern.compile("(?i)(authorization\\s*[:=]\\s*(?:bearer|basic|aws4-hmac-sha256)?\\s*)\\S.*"), "$1" + MASK),
            // key=value or key: value where the key names a secret (proxy_password=, AWS_SECRET_ACCESS_KEY=, "token": "…")
            new Rule(Pattern.compile("(?i)(?<![A-Za-z0-9_.\"'-])([\"']?[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
                    + "|private[_-]?key|credential)[A-Za-z0-9_.-]*[\"']?)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;}]+)"),
                    "$1$2" + MASK),
            new Rule(Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])"), MASK));

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern.matcher(out);
            out = m.replaceAll(rule.replacement);
        }
        return out;
    }
}
