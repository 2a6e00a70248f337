package dev.socketeer.server.hub;

/** The events the hub sends, by their wire names (seed 001's). Immutable. */
enum HubEvent {
    CONNECTED("connected"),
    CLIENT_JOINED("clientJoined"),
    CLIENT_LEFT("clientLeft"),
    MESSAGE_RECEIVED("messageReceived"),
    MESSAGE_BROADCAST("messageBroadcast"),
    ROOM_JOINED("roomJoined"),
    ROOM_LEFT("roomLeft"),
    ROOM_MESSAGE("roomMessage"),
    NOTIFICATION("notification"),
    CHAT_MESSAGE("chatMessage"),
    WHATSAPP_STATUS_UPDATE("whatsappStatusUpdate"),
    WHATSAPP_MESSAGE_UPDATE("whatsappMessageUpdate"),
    CONVERSATION_UPDATE("conversationUpdate");

    private final String wireName;

    HubEvent(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
