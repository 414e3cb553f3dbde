package com.gridcommand.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Rules the module check does not cover. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.gridcommand", "org.vaadin.addons.leafletflow");

    @Test
    void theDomainKnowsNothingOfTheUi() {
        noClasses().that().resideInAnyPackage("..area..", "..casework..", "..dispatch..", "..hotspot..", "..patrol..",
                        "..prevention..", "..road..", "..gisdata..", "..geo..", "..changefeed..")
                .and().resideOutsideOfPackage("..ui..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin..", "org.vaadin.addons.leafletflow..", "com.gridcommand.map..")
                .check(CLASSES);
    }

    /** The add-on is a library of its own (leaflet-flow/): nothing of the app, not even Spring. */
    @Test
    void theLeafletComponentKnowsNoDomain() {
        classes().that().resideInAPackage("org.vaadin.addons.leafletflow..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.vaadin.addons.leafletflow..", "java..", "com.vaadin..", "tools.jackson..")
                .check(CLASSES);
    }

    @Test
    void onlyTheLeafletComponentCallsIntoItsElement() {
        noClasses().that().resideOutsideOfPackage("org.vaadin.addons.leafletflow..")
                .should().callMethod(com.vaadin.flow.dom.Element.class, "callJsFunction", String.class, java.io.Serializable[].class)
                .check(CLASSES);
    }

    @Test
    void spatialSqlStaysInTheModulesThatOwnTheTables() {
        noClasses().that().resideInAnyPackage("com.gridcommand.map..", "org.vaadin.addons.leafletflow..", "com.gridcommand.base..",
                        "com.gridcommand.admin..", "..ui..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.simple.JdbcClient")
                .check(CLASSES);
    }

    /** The command map is one screen among others: what it shows comes from the features' layer sources. */
    @Test
    void nothingDependsOnTheCommandMapScreen() {
        noClasses().that().resideOutsideOfPackage("com.gridcommand.map..")
                .should().dependOnClassesThat().resideInAPackage("com.gridcommand.map..")
                .check(CLASSES);
    }

    /** A screen uses other modules' public services and ui beans, never their internal packages. */
    @Test
    void screensDoNotReachIntoOtherModulesInternals() {
        classes().that().areAssignableTo(com.vaadin.flow.component.Component.class).and().resideInAPackage("com.gridcommand..")
                .should(new ArchCondition<JavaClass>("use no internal package of another module") {
                    @Override
                    public void check(JavaClass screen, ConditionEvents events) {
                        String own = module(screen.getPackageName());
                        screen.getDirectDependenciesFromSelf().forEach(d -> {
                            String target = d.getTargetClass().getPackageName();
                            if (target.startsWith("com.gridcommand.") && target.contains(".internal") && !module(target).equals(own)) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        });
                    }
                })
                .check(CLASSES);
    }

    /** com.gridcommand.casework.ui -> casework */
    private static String module(String packageName) {
        String rest = packageName.substring("com.gridcommand.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
