package io.patchctl.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout's dependency rule, checked on the compiled main classes of every module (docs/design.md,
 * "Modules"): every arrow points toward core, core knows neither AWS nor processes, only patchctl-dnf
 * starts processes, and nothing depends on the two entry-point modules (CLI and Lambda).
 */
class DependencyRuleTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.patchctl");
    }

    @Test
    void everyModuleIsImported() {
        // a rule over an empty set passes vacuously: make sure each module's classes are really there
        for (String pkg : new String[] {"io.patchctl.core.plan", "io.patchctl.core.run", "io.patchctl.aws", "io.patchctl.dnf",
                "io.patchctl.agent", "io.patchctl.lambda", "io.patchctl.cli", "io.patchctl.lab"}) {
            assertThat(main.stream().anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void core_usesOnlyTheJdkJacksonAndSlf4j() {
        noClasses().that().resideInAPackage("io.patchctl.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.patchctl.core..", "java..", "javax..",
                        // the JDK's own jdk.security.auth module: RunLock reads the caller's uid
                        "com.sun.security.auth..",
                        "com.fasterxml.jackson..", "org.slf4j..")
                .because("patchctl-core is the domain and its orchestration: no AWS SDK, no picocli, no other module")
                .check(main);
    }

    @Test
    void onlyTheDnfModuleStartsProcesses() {
        noClasses().that().resideOutsideOfPackage("io.patchctl.dnf..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .because("patchctl-dnf's ProcessRunner is the one place with argv-only, timeouts and tree kills")
                .check(main);
    }

    @Test
    void nothingDependsOnTheEntryPointModules() {
        noClasses().that().resideOutsideOfPackage("io.patchctl.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.patchctl.cli..")
                .check(main);
        noClasses().that().resideOutsideOfPackage("io.patchctl.lambda..")
                .should().dependOnClassesThat().resideInAPackage("io.patchctl.lambda..")
                .check(main);
    }

    @Test
    void adaptersDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.patchctl.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("io.patchctl.dnf..", "io.patchctl.agent..", "io.patchctl.lab..")
                .check(main);
        noClasses().that().resideInAPackage("io.patchctl.dnf..")
                .should().dependOnClassesThat().resideInAnyPackage("io.patchctl.aws..", "io.patchctl.agent..", "io.patchctl.lab..",
                        "software.amazon..")
                .check(main);
    }

    @Test
    void theHostAgentCarriesNoLabAndNoInsightsWiring() {
        noClasses().that().resideInAPackage("io.patchctl.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("io.patchctl.lab..", "io.patchctl.aws.insights..")
                .because("the jar SSM runs on every host must not carry the RPM lab or the Lambda's wiring")
                .check(main);
    }
}
