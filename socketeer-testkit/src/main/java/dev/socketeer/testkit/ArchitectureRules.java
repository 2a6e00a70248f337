package dev.socketeer.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The API boundary every module keeps, as ArchUnit rules; each module's {@code ArchitectureTest} checks
 * its own main classes with {@link #check(String)}, so a violation fails the build.
 *
 * <ul>
 *   <li>{@link #PUBLIC_API_NAMES_NO_INTERNAL_TYPE}: a public signature (a public or protected member of a
 *       public class outside {@code ..internal..}, its supertypes and type arguments included) never names
 *       a type of an {@code internal} package.</li>
 *   <li>{@link #NO_MODULE_REACHES_INTO_ANOTHERS_INTERNALS}: a type of {@code P.internal..} is used only
 *       by classes in {@code P..}: {@code dev.socketeer.engine.internal} by the engine (its {@code spi}
 *       package included), never by core; what core needs from the engine is the engine's SPI.</li>
 * </ul>
 *
 * <p>Threading: stateless; rules are immutable.
 */
public final class ArchitectureRules {
    private static final String INTERNAL = ".internal";

    /** No public signature names an internal type. */
    public static final ArchRule PUBLIC_API_NAMES_NO_INTERNAL_TYPE = classes()
            .that(publicApi())
            .should(nameNoInternalTypeInTheirApi())
            .allowEmptyShould(true);

    /** Only a package's own module uses its {@code internal} subpackage. */
    public static final ArchRule NO_MODULE_REACHES_INTO_ANOTHERS_INTERNALS = classes()
            .should(useOnlyTheirOwnModulesInternals())
            .allowEmptyShould(true);

    /**
     * A library's public API states its null-safety: every public-API package is JSpecify
     * {@code @NullMarked} (in its {@code package-info.java}), so a parameter or result that may be null says
     * {@code @Nullable}. For libraries ({@link #checkLibrary}), not applications.
     */
    public static final ArchRule PUBLIC_API_IS_NULL_MARKED = classes()
            .that(publicApi())
            .should(beInANullMarkedPackage())
            .allowEmptyShould(true);

    private ArchitectureRules() {
    }

    /** The main (non-test) classes of {@code rootPackage} and its subpackages, from the class path. */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** Checks both rules on the main classes of {@code rootPackage}; throws an {@link AssertionError} naming each violation. */
    public static void check(String rootPackage) {
        JavaClasses classes = mainClasses(rootPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found in " + rootPackage + ": the rules would check nothing");
        }
        check(classes);
    }

    /**
     * Checks the rules of {@link #check(String)} and {@link #PUBLIC_API_IS_NULL_MARKED} on the main classes
     * of a library's {@code rootPackage}.
     */
    public static void checkLibrary(String rootPackage) {
        check(rootPackage);
        PUBLIC_API_IS_NULL_MARKED.check(mainClasses(rootPackage));
    }

    /** Checks both rules on {@code classes}; throws an {@link AssertionError} naming each violation. */
    public static void check(JavaClasses classes) {
        PUBLIC_API_NAMES_NO_INTERNAL_TYPE.check(classes);
        NO_MODULE_REACHES_INTO_ANOTHERS_INTERNALS.check(classes);
    }

    /** Whether {@code packageName} is an internal package or below one. */
    static boolean isInternal(String packageName) {
        return packageName.endsWith(INTERNAL) || packageName.contains(INTERNAL + ".");
    }

    /** The package an internal package belongs to: {@code a.b} for {@code a.b.internal.c}. */
    static String owner(String internalPackage) {
        int i = internalPackage.indexOf(INTERNAL + ".");
        return i >= 0 ? internalPackage.substring(0, i) : internalPackage.substring(0, internalPackage.length() - INTERNAL.length());
    }

    private static DescribedPredicate<JavaClass> publicApi() {
        return DescribedPredicate.describe("are public API (public, and every enclosing class public, outside ..internal..)",
                c -> !isInternal(c.getPackageName()) && accessible(c));
    }

    private static boolean accessible(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean exposed(JavaMember m) {
        Set<JavaModifier> mods = m.getModifiers();
        return !m.getOwner().isAnnotation() && (mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED))
                && !mods.contains(JavaModifier.SYNTHETIC) && !mods.contains(JavaModifier.BRIDGE);
    }

    private static ArchCondition<JavaClass> nameNoInternalTypeInTheirApi() {
        return new ArchCondition<>("name no type of an internal package in their public signatures") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> found = new ArrayList<>();
                c.getSuperclass().ifPresent(s -> collect("extends", s, found));
                c.getInterfaces().forEach(i -> collect("implements", i, found));
                for (JavaField f : c.getFields()) {
                    if (exposed(f)) {
                        collect("field " + f.getName(), f.getType(), found);
                    }
                }
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    if (!exposed(u)) {
                        continue;
                    }
                    String where = (u.isConstructor() ? "constructor" : "method " + u.getName()) + "(...)";
                    collect(where + " returns", u.getReturnType(), found);
                    u.getParameterTypes().forEach(p -> collect(where + " takes", p, found));
                    u.getThrowsClause().getTypes().forEach(t -> collect(where + " throws", t, found));
                }
                for (String f : found) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + f));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beInANullMarkedPackage() {
        return new ArchCondition<>("be in a package annotated @NullMarked") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!c.getPackage().isAnnotatedWith("org.jspecify.annotations.NullMarked")) {
                    events.add(SimpleConditionEvent.violated(c, c.getPackageName()
                            + " (of " + c.getName() + ") has no @NullMarked package-info"));
                }
            }
        };
    }

    private static void collect(String where, JavaType type, List<String> found) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (isInternal(raw.getPackageName())) {
                found.add(where + " " + raw.getName());
            }
        }
    }

    private static ArchCondition<JavaClass> useOnlyTheirOwnModulesInternals() {
        return new ArchCondition<>("use internal packages of their own module only") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    if (!isInternal(target)) {
                        continue;
                    }
                    String owner = owner(target);
                    String origin = c.getPackageName();
                    if (!origin.equals(owner) && !origin.startsWith(owner + ".")) {
                        events.add(SimpleConditionEvent.violated(c, d.getDescription()
                                + " (reaches into " + owner + "'s internals)"));
                    }
                }
            }
        };
    }
}
