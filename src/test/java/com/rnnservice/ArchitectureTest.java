package com.rnnservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering of STYLE.md: the maths is a plain library, and the service knows nothing of HTTP or JSON. */
@AnalyzeClasses(packages = "com.rnnservice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule mathsImportsNoFrameworks = noClasses().that()
        .resideInAPackage("com.rnnservice.math..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml..", "io.swagger..",
                "jakarta..", "com.rnnservice.service..", "com.rnnservice.api..", "com.rnnservice.config..");

    @ArchTest
    static final ArchRule serviceKnowsNoHttpOrJson = noClasses().that()
        .resideInAPackage("com.rnnservice.service..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "tools.jackson..",
                "com.fasterxml..", "io.swagger..", "com.rnnservice.api..", "com.rnnservice.config..");
}
