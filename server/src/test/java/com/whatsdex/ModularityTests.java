package com.whatsdex;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

/**
 * Module boundaries (Spring Modulith) and a few layering rules (ArchUnit). Writes the module diagrams to
 * target/modules, or to docs/modules with {@code -Dwhatsdex.docs.update=true}.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(WhatsDexApplication.class);
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.whatsdex");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesModuleDocumentation() {
        // the generator's line order varies between runs, so docs/modules is rewritten only on request
        String folder = Boolean.getBoolean("whatsdex.docs.update") ? "../docs/modules" : "target/modules";
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
    }

    @Test
    void onlyRepositoriesRunSql() {
        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Repository")
                .and()
                .resideOutsideOfPackage("com.whatsdex.database..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(JdbcClient.class)
                .because("SQL lives in repositories")
                .check(CLASSES);
    }

    @Test
    void controllersLiveInWebPackages() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .resideInAPackage("..web..")
                .orShould()
                .resideInAPackage("com.whatsdex.config..")
                .check(CLASSES);
    }

    @Test
    void webPackagesDoNotOpenTransactions() {
        noClasses()
                .that()
                .resideInAPackage("..web..")
                .should()
                .beAnnotatedWith(Transactional.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(JdbcClient.class)
                .check(CLASSES);
    }
}
