package dev.socketeer.core.internal;

/** Application code called by the server (a listener, middleware, callback), which may throw. */
@FunctionalInterface
interface UserCode {
    void run() throws Exception;
}
