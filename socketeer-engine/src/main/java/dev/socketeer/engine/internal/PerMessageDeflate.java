package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineOptions;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;

/**
 * The permessage-deflate extension as Node's {@code ws} offers it with engine.io's defaults: frames
 * under {@link EngineOptions#compressionThreshold()} go out uncompressed, and inflating a client frame
 * stops at {@link EngineOptions#maxHttpBufferSize()} bytes (no decompression bomb). Stateless.
 */
public final class PerMessageDeflate {
    private static final int COMPRESSION_LEVEL = 6;

    private PerMessageDeflate() {
    }

    /** A new handler for one channel, placed before the engine's HTTP handler. */
    public static ChannelHandler newHandler(EngineOptions options) {
        int threshold = options.compressionThreshold();
        WebSocketExtensionFilter belowThreshold = frame -> isSmall(frame, threshold);
        WebSocketExtensionFilterProvider filters = new WebSocketExtensionFilterProvider() {
            @Override
            public WebSocketExtensionFilter encoderFilter() {
                return belowThreshold;
            }

            @Override
            public WebSocketExtensionFilter decoderFilter() {
                return WebSocketExtensionFilter.NEVER_SKIP;
            }
        };
        return new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(COMPRESSION_LEVEL,
                ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(), PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE,
                false, false, filters, options.maxHttpBufferSize()));
    }

    private static boolean isSmall(WebSocketFrame frame, int threshold) {
        return frame.content().readableBytes() < threshold;
    }
}
