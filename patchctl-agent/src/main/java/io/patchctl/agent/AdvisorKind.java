package io.patchctl.agent;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Who plans a run or analyses a failure ({@code --advisor}): Bedrock (falling back to the rules,
 * the reason recorded) or the offline rules. {@link #id()} is the spelling on the command line and
 * in the reports.
 */
public enum AdvisorKind {
    BEDROCK,
    RULES;

    /** {@code bedrock} or {@code rules}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The command-line spelling, so that picocli's {@code ${COMPLETION-CANDIDATES}} lists {@code bedrock, rules}. */
    @Override
    public String toString() {
        return id();
    }

    /** The valid values, as a message lists them: {@code bedrock, rules}. */
    public static String valid() {
        return Arrays.stream(values()).map(AdvisorKind::id).collect(Collectors.joining(", "));
    }

    /**
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static AdvisorKind parse(String value) {
        for (AdvisorKind kind : values()) {
            if (kind.id().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an advisor (valid: " + valid() + ")");
    }

    /** picocli's conversion of {@code --advisor}: lower-case ids, an error that lists them. */
    public static final class Converter implements ITypeConverter<AdvisorKind> {
        @Override
        public AdvisorKind convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
