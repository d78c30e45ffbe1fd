package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnalysisReplyParserTest {

    static final String VALID = "{\"root_cause\":\"Repository metadata could not be downloaded\",\"severity\":\"HIGH\","
            + "\"immediate_actions\":[\"check the NAT gateway\"],\"dnf_commands\":[\"dnf clean metadata\"],"
            + "\"aws_cli_commands\":[\"aws ssm describe-instance-information --region us-east-2\"],"
            + "\"preventive_measures\":[\"mirror\"],\"escalate\":true,\"summary\":\"Repo down\"}";

    @Test
    void plainObject_isParsed() {
        FailureAnalysis a = AnalysisReplyParser.parse(VALID);
        assertThat(a.severity()).isEqualTo(AnalysisSeverity.HIGH);
        assertThat(a.escalate()).isTrue();
        assertThat(a.dnfCommands()).containsExactly("dnf clean metadata");
    }

    @Test
    void fencesAndProseAround_areTolerated() {
        FailureAnalysis a = AnalysisReplyParser.parse("Here is my analysis {of sorts}:\n```json\n" + VALID + "\n```\nHope it helps.");
        assertThat(a.rootCause()).isEqualTo("Repository metadata could not be downloaded");
    }

    @Test
    void bracesInsideStrings_doNotConfuseTheScanner() {
        String reply = VALID.replace("Repo down", "a } and { in text");
        assertThat(AnalysisReplyParser.parse(reply).summary()).isEqualTo("a } and { in text");
    }

    @Test
    void lowerCaseSeverityAndStringBoolean_areAccepted() {
        FailureAnalysis a = AnalysisReplyParser.parse(VALID.replace("\"HIGH\"", "\"critical\"").replace("true", "\"false\""));
        assertThat(a.severity()).isEqualTo(AnalysisSeverity.CRITICAL);
        assertThat(a.escalate()).isFalse();
    }

    @Test
    void truncatedReply_isInvalid() {
        assertThatThrownBy(() -> AnalysisReplyParser.parse(VALID.substring(0, 80)))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("the reply's JSON object is not complete (truncated?)");
    }

    @Test
    void prose_isInvalid() {
        assertThatThrownBy(() -> AnalysisReplyParser.parse("I cannot help with that."))
                .isInstanceOf(InvalidAnalysisException.class).hasMessage("the reply contains no JSON object");
    }

    @Test
    void missingKeysAndWrongTypes_areAllNamed() {
        assertThatThrownBy(() -> AnalysisReplyParser.parse("{\"root_cause\":\"x\",\"severity\":\"SEVERE\",\"dnf_commands\":\"dnf\"}"))
                .isInstanceOf(InvalidAnalysisException.class)
                .hasMessage("invalid analysis: severity must be one of LOW, MEDIUM, HIGH, CRITICAL, was 'SEVERE'; "
                        + "immediate_actions must be an array of strings; dnf_commands must be an array of strings; "
                        + "aws_cli_commands must be an array of strings; preventive_measures must be an array of strings; "
                        + "escalate must be true or false; summary must be a non-empty string");
    }
}
