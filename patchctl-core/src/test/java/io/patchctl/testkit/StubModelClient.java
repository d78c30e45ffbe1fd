package io.patchctl.testkit;

import io.patchctl.core.model.ModelClient;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Test fake of the ModelClient port: answers with a function of the request, counts calls. */
public final class StubModelClient implements ModelClient {

    private final String modelId;
    private final Function<ModelRequest, ModelReply> answer;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<ModelRequest> requests = new ArrayList<>();

    public StubModelClient(String modelId, Function<ModelRequest, ModelReply> answer) {
        this.modelId = modelId;
        this.answer = answer;
    }

    public static StubModelClient replying(String text) {
        return new StubModelClient("stub-model", r -> new ModelReply(text, "end_turn", "stub-model", 100, 20, 5, 1));
    }

    public static StubModelClient failing(ModelException.Reason reason, String message) {
        return new StubModelClient("stub-model", r -> {
            throw new ModelException(reason, message);
        });
    }

    @Override
    public synchronized ModelReply invoke(ModelRequest request) {
        calls.incrementAndGet();
        requests.add(request);
        return answer.apply(request);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    public int calls() {
        return calls.get();
    }

    public synchronized List<ModelRequest> requests() {
        return List.copyOf(requests);
    }
}
