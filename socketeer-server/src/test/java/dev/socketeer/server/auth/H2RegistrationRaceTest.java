package dev.socketeer.server.auth;

import dev.socketeer.server.ServerTest;

/** {@link RegistrationRaceTest} on the shared test context's H2 database. */
@ServerTest
class H2RegistrationRaceTest extends RegistrationRaceTest {}
