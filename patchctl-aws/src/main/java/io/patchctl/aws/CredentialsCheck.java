package io.patchctl.aws;

import io.patchctl.core.model.ModelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Resolves credentials within a short bound. Off EC2 the default chain ends at IMDS, whose
 * connect/read timeouts and token fallback can cost several seconds; an agent without
 * credentials must decide to fall back to the rules advisor in well under 2 s.
 */
final class CredentialsCheck {

    private final AwsCredentialsProvider provider;
    private final Duration bound;
    private volatile boolean passed;

    CredentialsCheck(AwsCredentialsProvider provider, Duration bound) {
        this.provider = provider;
        this.bound = bound;
    }

    /** @throws ModelException NO_CREDENTIALS when none resolve within the bound */
    void require() {
        if (passed) {
            return;
        }
        // A daemon thread: if IMDS hangs, the thread is abandoned and never keeps the JVM alive.
        CompletableFuture<Object> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                future.complete(provider.resolveCredentials());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, "patchctl-credentials");
        t.setDaemon(true);
        t.start();
        try {
            future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            passed = true;
        } catch (TimeoutException e) {
            throw new ModelException(ModelException.Reason.NO_CREDENTIALS,
                    "no AWS credentials resolved within " + bound.toMillis() + " ms (not on EC2, no profile or environment credentials?)", e);
        } catch (ExecutionException e) {
            throw new ModelException(ModelException.Reason.NO_CREDENTIALS,
                    "no AWS credentials: " + firstLine(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Reason.NO_CREDENTIALS, "interrupted while resolving AWS credentials", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown reason";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
