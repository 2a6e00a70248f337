package dev.socketeer.redis;

import dev.socketeer.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** This module keeps the API boundary (see {@link ArchitectureRules}): a violation fails the build. */
class ArchitectureTest {

    @Test
    void publicSignaturesNameNoInternalTypeAndNoOtherModulesInternalsAreUsed() {
        ArchitectureRules.check("dev.socketeer.redis");
    }
}
