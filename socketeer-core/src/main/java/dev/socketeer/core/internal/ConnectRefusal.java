package dev.socketeer.core.internal;

/** Why connection middleware refused a socket: the {@code message} and optional {@code data} of CONNECT_ERROR. */
record ConnectRefusal(String message, Object data) {

    static ConnectRefusal of(Throwable error) {
        String message = error.getMessage();
        return new ConnectRefusal(message != null ? message : error.getClass().getName(), null);
    }
}
