package dev.socketeer.server.notifications;

import dev.socketeer.server.ServerTest;

/** Seed 003 end to end on H2 (the shared {@code @ServerTest} context). */
@ServerTest
class H2NotificationsEndToEndTest extends NotificationsEndToEndTest {}
