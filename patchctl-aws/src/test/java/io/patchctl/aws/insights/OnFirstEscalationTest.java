package io.patchctl.aws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchctl.core.insights.Escalator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnFirstEscalationTest {

    @Test
    void buildsTheEscalatorOnTheFirstEscalationOnly_thenReusesIt() {
        AtomicInteger builds = new AtomicInteger();
        List<String> sent = new ArrayList<>();
        OnFirstEscalation lazy = new OnFirstEscalation(() -> {
            builds.incrementAndGet();
            return (Escalator) (report, key) -> sent.add(key);
        });

        assertThat(lazy.built()).isFalse();
        lazy.escalate(null, "k1");
        lazy.escalate(null, "k2");

        assertThat(builds).hasValue(1);
        assertThat(sent).containsExactly("k1", "k2");
        assertThat(lazy.built()).isTrue();
    }
}
