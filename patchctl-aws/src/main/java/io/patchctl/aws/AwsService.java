package io.patchctl.aws;

/**
 * The AWS services patchctl calls, with the names of their standard endpoint-override settings
 * (environment {@code AWS_ENDPOINT_URL_<SERVICE>}, system property {@code aws.endpointUrl<Service>}).
 */
public enum AwsService {
    S3("S3", "S3"),
    SNS("SNS", "Sns"),
    SSM("SSM", "Ssm"),
    BEDROCK_RUNTIME("BEDROCK_RUNTIME", "BedrockRuntime");

    private final String envSuffix;
    private final String propertySuffix;

    AwsService(String envSuffix, String propertySuffix) {
        this.envSuffix = envSuffix;
        this.propertySuffix = propertySuffix;
    }

    public String envVariable() {
        return "AWS_ENDPOINT_URL_" + envSuffix;
    }

    public String systemProperty() {
        return "aws.endpointUrl" + propertySuffix;
    }
}
