package com.gridcommand.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Rules the module check does not cover. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.gridcommand");

    @Test
    void theDomainKnowsNothingOfTheUi() {
        noClasses().that().resideInAnyPackage("..area..", "..casework..", "..dispatch..", "..hotspot..", "..patrol..",
                        "..prevention..", "..road..", "..gisdata..", "..geo..", "..changefeed..")
                .and().resideOutsideOfPackage("..ui..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin..", "com.gridcommand.leaflet..", "com.gridcommand.map..")
                .check(CLASSES);
    }

    @Test
    void theLeafletComponentKnowsNoDomain() {
        classes().that().resideInAPackage("com.gridcommand.leaflet..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.gridcommand.leaflet..", "java..", "com.vaadin..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void onlyTheLeafletComponentCallsIntoItsElement() {
        noClasses().that().resideOutsideOfPackage("com.gridcommand.leaflet..")
                .should().callMethod(com.vaadin.flow.dom.Element.class, "callJsFunction", String.class, java.io.Serializable[].class)
                .check(CLASSES);
    }

    @Test
    void spatialSqlStaysInTheModulesThatOwnTheTables() {
        noClasses().that().resideInAnyPackage("com.gridcommand.map..", "com.gridcommand.leaflet..", "com.gridcommand.base..",
                        "com.gridcommand.admin..", "..ui..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .check(CLASSES);
    }
}
