package dev.socketeer.engine;

import dev.socketeer.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** This module keeps the API boundary (see {@link ArchitectureRules}): a violation fails the build; its public packages are @NullMarked. */
class ArchitectureTest {

    @Test
    void publicSignaturesNameNoInternalTypeNoOtherModulesInternalsAreUsedAndNullnessIsStated() {
        ArchitectureRules.checkLibrary("dev.socketeer.engine");
    }
}
