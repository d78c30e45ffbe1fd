package io.patchctl.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    @Test
    void render_substitutesNamesAndUnescapesDollarBraces() {
        String out = TemplateRenderer.render("env=${environment} shell=$${HOME} lit=%%{x}",
                Map.of("environment", "dev"), "t");

        assertThat(out).isEqualTo("env=dev shell=${HOME} lit=%{x}");
    }

    @Test
    void render_ifNotEmpty_keepsBodyOnlyWhenValueSet() {
        String template = "[a%{ if topic != \"\" },${topic}%{ endif }]";

        assertThat(TemplateRenderer.render(template, Map.of("topic", "arn:t"), "t")).isEqualTo("[a,arn:t]");
        assertThat(TemplateRenderer.render(template, Map.of("topic", ""), "t")).isEqualTo("[a]");
    }

    @Test
    void render_missingVariable_failsLikeTemplatefile() {
        assertThatThrownBy(() -> TemplateRenderer.render("x=${bucket_arn}", Map.of(), "policy.json.tftpl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("policy.json.tftpl: template variable 'bucket_arn' has no value"
                        + " (templatefile() would fail: vars map lacks it)");
    }

    @Test
    void render_functionCall_isRejectedNotGuessed() {
        assertThatThrownBy(() -> TemplateRenderer.render("${jsonencode(list)}", Map.of("list", "[]"), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t: unsupported interpolation '${jsonencode(list)}';"
                        + " templates may only interpolate plain variable names");
    }

    @Test
    void render_forDirective_isRejected() {
        assertThatThrownBy(() -> TemplateRenderer.render("%{ for r in regions }${r}%{ endfor }", Map.of(), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("t: unsupported template directive at offset 0");
    }

    @Test
    void variablesOf_listsInterpolationsAndConditionNames() {
        assertThat(TemplateRenderer.variablesOf("${a} $${shell} %{ if b != \"\" }${c}%{ endif }"))
                .containsExactly("a", "b", "c");
    }
}
