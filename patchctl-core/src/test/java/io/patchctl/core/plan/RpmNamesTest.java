package io.patchctl.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RpmNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"openssl-libs", "libstdc++", "python3.11-pip", "perl-IO-Compress", "NetworkManager",
            "xorg-x11-server-Xorg", "_underscore", "gtk2"})
    void realRpmNames_areValid(String name) {
        assertThat(RpmNames.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "$(id)", "`id`", "a b", "a*", "a?", "[ab]", "-y", "--nogpgcheck", "a|b", "a&b",
            "a>b", "a<b", "a'b", "a\"b", "a\\b", "a/b", ".hidden", "a\tb", "a\nb", "ünicode", "a{b}", "a=b", "a,b"})
    void hostileNames_areRejected(String name) {
        assertThat(RpmNames.problem(name)).isPresent();
    }
}
