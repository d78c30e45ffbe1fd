package io.patchctl.testkit;

import io.patchctl.core.model.ModelClient;
import io.patchctl.core.model.ModelException;
import io.patchctl.core.model.ModelReply;
import io.patchctl.core.model.ModelRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake of the ModelClient port: answers from a script (the last entry repeats), records requests. */
public final class ScriptedModel implements ModelClient {

    final Deque<Object> script = new ArrayDeque<>();
    public final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

    public ScriptedModel then(Object replyOrException) {
        script.add(replyOrException);
        return this;
    }

    private volatile long latencyMillis;

    /** Each call takes this long, like a real model answering (outside the lock: calls may overlap). */
    public ScriptedModel withLatency(long millis) {
        this.latencyMillis = millis;
        return this;
    }

    @Override
    public ModelReply invoke(ModelRequest request) {
        Object next;
        synchronized (this) {
            requests.add(request);
            next = script.size() > 1 ? script.remove() : script.peek();
        }
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (next instanceof ModelException e) {
            throw e;
        }
        return new ModelReply((String) next, "end_turn", modelId(), 900, 300, 5, 1);
    }

    @Override
    public String modelId() {
        return "us.anthropic.claude-sonnet-4-6";
    }

    public static String validReply(String instanceId) {
        return "```json\n{\"root_cause\":\"The AppStream repository metadata could not be downloaded (mirror down).\","
                + "\"severity\":\"HIGH\",\"immediate_actions\":[\"Check the mirror\"],"
                + "\"dnf_commands\":[\"dnf clean metadata\",\"dnf makecache --refresh && reboot\"],"
                + "\"aws_cli_commands\":[\"aws ssm describe-instance-information --filters Key=InstanceIds,Values=" + instanceId
                + " --region us-east-2\"],\"preventive_measures\":[\"Keep a local mirror\"],\"escalate\":true,"
                + "\"summary\":\"" + instanceId + " cannot reach its repository.\"}\n```";
    }
}
