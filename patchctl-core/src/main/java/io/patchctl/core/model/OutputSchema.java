package io.patchctl.core.model;

import java.util.Objects;

/**
 * A JSON schema the model's answer must follow (Bedrock structured output: Converse
 * {@code outputConfig.textFormat}, InvokeModel {@code output_config.format}). The schema narrows what
 * the model writes; it is not trusted: the reply parser and PolicyGuard still check every answer.
 *
 * @param name        short identifier of the schema ([A-Za-z0-9_-], as Bedrock's JsonSchemaDefinition.name)
 * @param description one line on what the answer is for
 * @param json        the JSON schema document, serialised
 */
public record OutputSchema(String name, String description, String json) {
    public OutputSchema {
        Objects.requireNonNull(json, "json");
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("schema name must match [A-Za-z0-9_-]{1,64}, was '" + name + "'");
        }
        description = description == null ? "" : description;
    }
}
