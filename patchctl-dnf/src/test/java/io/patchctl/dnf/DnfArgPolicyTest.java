package io.patchctl.dnf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnfArgPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"--config=/etc/dnf/lab.conf", "--releasever=8", "--releasever=latest", "--noplugins",
            "--disableplugin=local,generate_completion_cache", "--enableplugin=versionlock", "--repo=base",
            "--repoid=rhel-8-baseos", "--enablerepo=*-rhui-*", "--disablerepo=*", "--setopt=timeout=30",
            "--setopt=base.metadata_expire=0", "--setopt=proxy=http://proxy.internal:3128", "--setopt=retries=3"})
    void operatorOptions_areAllowed(String arg) {
        assertThat(DnfArgPolicy.problem(arg)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // abbreviations dnf (argparse) would expand: refused, full names only
            "--installr=/other/root|'--installr' is not an allowed dnf option",
            "--installroot=/other/root|'--installroot' is not an allowed dnf option",
            "--rel=8|'--rel' is not an allowed",
            "--conf=/tmp/x.conf|'--conf' is not an allowed",
            // options that change what the transaction does or checks
            "--setopt=tsflags=test|option 'tsflags' may not be set",
            "--setopt=base.gpgcheck=0|option 'gpgcheck' may not be set",
            "--setopt=reposdir=/tmp/evil|option 'reposdir' may not be set",
            "--setopt=installonly_limit=1|option 'installonly_limit' may not be set",
            "--setopt=exclude=openssl*|option 'exclude' may not be set",
            "--nogpgcheck|'--nogpgcheck' is not an allowed",
            "--assumeno|'--assumeno' is not an allowed",
            "-y|'-y' is not an allowed",
            "-C|'-C' is not an allowed",
            "--cacheonly|'--cacheonly' is not an allowed",
            "--exclude=kernel*|'--exclude' is not an allowed",
            "--downloadonly|'--downloadonly' is not an allowed",
            "--security|'--security' is not an allowed",
            "--|'--' is not an allowed",
            "upgrade|'upgrade' is not an allowed",
            "--config|'--config' needs a value",
            "--releasever=|'--releasever' needs a value",
            "--config=/tmp/x.conf;rm -rf /|has characters dnf options never need",
            "--setopt=timeout|is not KEY=VALUE"})
    void otherOptions_areRefusedNamingTheOption(String arg, String reason) {
        assertThat(DnfArgPolicy.problem(arg)).hasValueSatisfying(p -> assertThat(p).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--releasever=8\n--installroot=/x", "--config=/a\u0000b", ""})
    void controlCharactersAndEmpty_areRefused(String arg) {
        assertThat(DnfArgPolicy.problem(arg)).isPresent();
    }
}
