package io.patchctl.aws;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API (S3Proxy, in-memory blob store) on 127.0.0.1 with SigV4 authentication, for tests
 * of everything that talks to S3. Shared with other modules through this module's test-jar.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts S3Proxy on a free loopback port and sets the SDK's credential system properties to its keys. */
    public static S3ProxyServer start() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        try {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create("transient-nio2", new Properties()))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(5);
            }
            return new S3ProxyServer(proxy);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client for test set-up and inspection, independent of the code under test. */
    public S3Client client() {
        return S3ReportStore.client(AwsClientSettings.builder(AwsClientSettings.Profile.STORAGE).endpointOverride(endpoint).build());
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
    }
}
