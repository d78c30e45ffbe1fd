package io.patchctl.core.model;

/** Port: sends one prompt to a language model (Bedrock in production, a stand-in in tests). */
public interface ModelClient {

    /**
     * @throws ModelException when no reply could be obtained within the client's budget
     */
    ModelReply invoke(ModelRequest request);

    /** The model or inference-profile id this client calls. */
    String modelId();
}
