package com.rnnservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.rnnservice.math.CellType;
import com.rnnservice.math.CellTypes;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of STYLE.md: the maths is a plain library, and the service knows nothing of HTTP or JSON. A cell family
 * is a declaration in the maths ({@link CellTypes}): above the maths no class, record or nested type is named after one.
 */
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

    @ArchTest
    static final ArchRule noFamilyCodeAboveTheMaths = classes().that()
        .resideInAnyPackage("com.rnnservice.api..", "com.rnnservice.service..", "com.rnnservice.config..")
        .should()
        .haveNameNotMatching(".*\\.[^.]*(?i)(" + String.join("|", CellTypes.ALL.stream().map(CellType::name).toList()) + ")[^.]*")
        .because("the HTTP surface, the services and the configuration are generic over CellTypes.ALL");
}
