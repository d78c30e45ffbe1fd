package io.patchctl.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void awsAccessKeyId_isMasked() {
        assertThat(Redactor.redact("using AKIAIOSFODNN7EXAMPLE for s3")).isEqualTo("using [REDACTED] for s3");
    }

    @Test
    void secretKeyValueLines_areMasked() {
        String log = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                + "proxy_password = hunter2\n"
                + "\"SessionToken\": \"FwoGZXIvYXdzEJr\"\n"
                + "sslverify=1";
        String out = Redactor.redact(log);
        assertThat(out).doesNotContain("wJalrXUtnFEMI", "hunter2", "FwoGZXIvYXdzEJr")
                .contains("AWS_SECRET_ACCESS_KEY=[REDACTED]", "proxy_password = [REDACTED]", "sslverify=1");
    }

    @Test
    void credentialsAndTokensInUrls_areMasked() {
        String out = Redactor.redact("Curl error (7): https://admin:S3cr3t@mirror.example.com/repo/repomd.xml "
                + "https://cdn.example.com/x.rpm?X-Amz-Signature=abcdef123&X-Amz-Date=20261121 "
                + "https://repo.example.com/el8/?token=tok_9f8e7d");
        assertThat(out).doesNotContain("S3cr3t", "abcdef123", "tok_9f8e7d")
                .contains("https://admin:[REDACTED]@mirror.example.com", "X-Amz-Date=20261121");
    }

    @Test
    void authorizationHeaderAndPrivateKey_areMasked() {
        String out = Redactor.redact("Authorization: Bearer eyJhbGciOi.x.y\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n"
                + "-----END RSA PRIVATE KEY-----\nok");
        assertThat(out).doesNotContain("eyJhbGciOi", "MIIEow").endsWith("ok");
    }

    @Test
    void ordinaryDnfOutput_isUnchanged() {
        String dnf = DnfErrorClassifierTest.captured("rhel-gpg-public-key.txt");
        assertThat(Redactor.redact(dnf)).isEqualTo(dnf);
    }

    @Test
    void logTail_keepsTheEndAtALineBoundaryAndRedactsAcrossTheCut() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            log.append("Downloading package ").append(i).append('\n');
        }
        log.append("password=hunter2\nError: GPG check FAILED\n");

        String tail = LogTail.redactedTail(log.toString(), 1024);

        assertThat(tail).startsWith("[... ").contains("earlier bytes omitted]\nDownloading package ")
                .endsWith("password=[REDACTED]\nError: GPG check FAILED\n").doesNotContain("hunter2");
        assertThat(tail.length()).isLessThan(1024 + 50);
    }

    @Test
    void longTokens_areRedactedLikeShortOnes() {
        // a 30,000-character token (a base64 blob in a hook's output) took minutes before matches were anchored
        // at word starts; the secrets around it must still be found
        String blob = "QUJD".repeat(7_500);
        String out = Redactor.redact(blob + " db_password=hunter2 " + blob + "x https://u:s3cret@lb.corp/ "
                + blob + "AKIAIOSFODNN7EXAMPLE " + "x".repeat(30_000) + "_token=abc");

        assertThat(out).doesNotContain("hunter2", "s3cret")
                .contains("db_password=[REDACTED]", "https://u:[REDACTED]@lb.corp/", "_token=[REDACTED]")
                .startsWith(blob);
    }
}
