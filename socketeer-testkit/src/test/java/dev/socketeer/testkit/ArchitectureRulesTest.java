package dev.socketeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The architecture rules catch deliberate violations (fixtures in {@code fixture.*}) and pass clean code. */
class ArchitectureRulesTest {
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("dev.socketeer.testkit.fixture");

    @Test
    void aPublicSignatureThatNamesAnInternalTypeFailsTheRule() {
        EvaluationResult result = ArchitectureRules.PUBLIC_API_NAMES_NO_INTERNAL_TYPE.evaluate(FIXTURES);
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("LeakyApi: method hidden(...) returns dev.socketeer.testkit.fixture.leaky.internal.Hidden"))
                .anyMatch(d -> d.contains("LeakyApi: method take(...) takes dev.socketeer.testkit.fixture.leaky.internal.Hidden"))
                .noneMatch(d -> d.contains("packagePrivateIsFine"))
                .noneMatch(d -> d.contains("CleanApi"))
                .hasSize(2);
    }

    @Test
    void aModuleThatReachesIntoAnothersInternalsFailsTheRule() {
        EvaluationResult result = ArchitectureRules.NO_MODULE_REACHES_INTO_ANOTHERS_INTERNALS.evaluate(FIXTURES);
        assertThat(result.getFailureReport().getDetails())
                .allMatch(d -> d.contains("Reacher") && d.contains("reaches into dev.socketeer.testkit.fixture.leaky's internals"))
                .isNotEmpty();
    }

    @Test
    void aPublicPackageWithoutNullMarkedFailsTheLibraryRule() {
        EvaluationResult result = ArchitectureRules.PUBLIC_API_IS_NULL_MARKED.evaluate(FIXTURES);
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("dev.socketeer.testkit.fixture.leaky (of dev.socketeer.testkit.fixture.leaky.LeakyApi) has no @NullMarked"))
                .noneMatch(d -> d.contains("CleanApi"));
    }

    @Test
    void checkFailsTheBuildOnAViolationAndPassesCleanCode() {
        assertThatThrownBy(() -> ArchitectureRules.check(FIXTURES))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyApi");
        assertThatThrownBy(() -> ArchitectureRules.check(FIXTURES.that(DescribedPredicate.describe("not LeakyApi", c -> !c.getSimpleName().equals("LeakyApi")))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Reacher");
        ArchitectureRules.check(new ClassFileImporter().importPackages("dev.socketeer.testkit.fixture.clean"));
    }

    @Test
    void checkingAPackageWithoutMainClassesFailsRatherThanPassingEmpty() {
        assertThatThrownBy(() -> ArchitectureRules.check("dev.socketeer.testkit.fixture"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no classes found");
    }

    @Test
    void internalPackagesAndTheirOwners() {
        assertThat(ArchitectureRules.isInternal("dev.socketeer.engine.internal")).isTrue();
        assertThat(ArchitectureRules.isInternal("dev.socketeer.spring.internal.x")).isTrue();
        assertThat(ArchitectureRules.isInternal("dev.socketeer.internals")).isFalse();
        assertThat(ArchitectureRules.owner("dev.socketeer.engine.internal")).isEqualTo("dev.socketeer.engine");
        assertThat(ArchitectureRules.owner("dev.socketeer.spring.internal.x")).isEqualTo("dev.socketeer.spring");
    }
}
