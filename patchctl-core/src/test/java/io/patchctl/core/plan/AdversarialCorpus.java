package io.patchctl.core.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the adversarial model replies of {@code src/test/resources/adversarial-replies} from the
 * classpath (also from the core test-jar, for the agent's integration tests).
 */
public final class AdversarialCorpus {

    public static final String DIR = "adversarial-replies/";
    public static final String CANARY = "@CANARY@";

    /** @param expectFallback true for {@code fallback-*} (unusable reply), false for {@code guarded-*} */
    public record Reply(String name, String text, boolean expectFallback) {
        @Override
        public String toString() {
            return name;
        }
    }

    private AdversarialCorpus() {
    }

    /** Every reply, with {@value #CANARY} replaced by {@code canaryPath}. */
    public static List<Reply> load(String canaryPath) {
        List<Reply> replies = new ArrayList<>();
        for (String name : read(DIR + "index.txt").split("\n")) {
            if (name.isBlank()) {
                continue;
            }
            String text = read(DIR + name.strip());
            if (name.endsWith(".repeat")) {
                int nl = text.indexOf('\n');
                text = text.substring(nl + 1).repeat(Integer.parseInt(text.substring(0, nl).strip()));
            }
            replies.add(new Reply(name.strip(), text.replace(CANARY, canaryPath), name.startsWith("fallback-")));
        }
        return replies;
    }

    static String read(String resource) {
        try (InputStream in = AdversarialCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
