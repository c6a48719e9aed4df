package org.pmargin.core;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks that the core stays pure: no serialisation, CLI, logging, SQL or I/O, no legacy Random, no clock reads. */
class ArchitectureTest {

  private static final String CORE = "org.pmargin.core..";

  private static final ArchRule NO_FRAMEWORKS = noClasses().that().resideInAPackage(CORE)
      .should().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "com.fasterxml.jackson..", "picocli..",
          "info.picocli..", "java.sql..", "org.slf4j..", "java.util.logging..", "java.nio.file..", "java.net..")
      .because("pmargin-core is pure domain and maths with no I/O");

  // java.io.Serializable and the @Serial annotation are not I/O; everything else in java.io is
  private static final ArchRule NO_IO = noClasses().that().resideInAPackage(CORE)
      .should().dependOnClassesThat(resideInAPackage("java.io..")
          .and(not(name("java.io.Serializable"))).and(not(name("java.io.Serial"))))
      .because("pmargin-core is pure domain and maths with no I/O");

  private static final ArchRule NO_LEGACY_RANDOM = noClasses().that().resideInAPackage(CORE)
      .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
      .orShould().callMethod(Math.class, "random")
      .because("randomness must come from seeded java.util.random generators");

  private static final ArchRule NO_CLOCK = noClasses().that().resideInAPackage(CORE)
      .should().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(System.class, "nanoTime")
      .orShould().callMethod(Instant.class, "now")
      .orShould().callMethod(java.time.LocalDate.class, "now")
      .orShould().callMethod(java.time.LocalDateTime.class, "now")
      .orShould().callMethod(java.time.ZonedDateTime.class, "now")
      .orShould().callMethod(java.time.OffsetDateTime.class, "now")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Date")
      .because("valuation must depend only on the snapshot's as-of time");

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.pmargin.core");
  }

  @Test
  void shouldImportTheCoreClasses() {
    // guards the rules below against passing vacuously on an empty import
    assertThat(core.size()).isGreaterThan(30);
    assertThat(core.contain(org.pmargin.core.pricing.Black76.class)).isTrue();
    assertThat(core.contain(ArchitectureTest.class)).isFalse();
  }

  @Test
  void shouldNotDependOnSerialisationCliLoggingSqlOrNetworking() {
    NO_FRAMEWORKS.check(core);
  }

  @Test
  void shouldNotReadOrWriteStreamsOrFiles() {
    NO_IO.check(core);
  }

  @Test
  void shouldNotUseLegacyRandom() {
    NO_LEGACY_RANDOM.check(core);
  }

  @Test
  void shouldNotReadTheClock() {
    NO_CLOCK.check(core);
  }

  @Test
  void shouldCatchAViolatingClass() {
    // the rules are not vacuous: a class in the core package that reads the clock and uses java.util.Random fails
    JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);
    assertThatThrownBy(() -> NO_CLOCK.check(offender)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Instant.now");
    assertThatThrownBy(() -> NO_LEGACY_RANDOM.check(offender)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.util.Random");
    assertThatThrownBy(() -> NO_IO.check(offender)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.io.PrintStream");
    assertThatThrownBy(() -> NO_FRAMEWORKS.check(offender)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("java.sql");
  }

  /** A deliberate violation of every rule, used only to show the rules can fail. */
  static final class Offender {

    List<Object> offend() throws java.sql.SQLException {
      System.out.println("I/O");
      return List.of(Instant.now(), new Random(1).nextInt(), java.sql.Date.valueOf("2024-01-01"));
    }
  }
}
