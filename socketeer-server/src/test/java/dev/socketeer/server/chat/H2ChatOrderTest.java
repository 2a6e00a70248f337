package dev.socketeer.server.chat;

import dev.socketeer.server.ServerTest;

/** The chat order on H2 (the shared {@code @ServerTest} context): 10 senders × 50 messages, 11 members. */
@ServerTest
class H2ChatOrderTest extends ChatOrderTest {

    @Override
    int senders() {
        return 10;
    }

    @Override
    int messagesEach() {
        return 50;
    }
}
