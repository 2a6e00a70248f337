package dev.socketeer.core.adapter;

/**
 * Creates the {@link Adapter} of each namespace, like passing an adapter constructor to Node's
 * {@code new Server({ adapter })}.
 *
 * <p>Threading: may be called from any thread, once per namespace.
 */
@FunctionalInterface
public interface AdapterFactory {
    Adapter create(AdapterContext context);
}
