package io.patchctl.core.hooks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A HookRunner that answers from a script (exit code, timed out, output) and records what it was asked. */
public final class ScriptedHooks implements HookRunner {

    private final List<String> calls;
    private final Deque<Object[]> answers = new ArrayDeque<>();
    public Map<String, String> lastContext;

    public ScriptedHooks(List<String> calls) {
        this.calls = calls;
    }

    public ScriptedHooks exits(int code, String output) {
        answers.add(new Object[] {code, false, output});
        return this;
    }

    public ScriptedHooks hangs(String output) {
        answers.add(new Object[] {null, true, output});
        return this;
    }

    @Override
    public HookResult run(HookPhase phase, HookSpec spec, Map<String, String> context) {
        calls.add("hook " + phase.key());
        lastContext = context;
        Object[] a = answers.isEmpty() ? new Object[] {0, false, ""} : answers.poll();
        return HookResult.of(phase, spec, (Integer) a[0], (Boolean) a[1], 5, (String) a[2], null);
    }
}
