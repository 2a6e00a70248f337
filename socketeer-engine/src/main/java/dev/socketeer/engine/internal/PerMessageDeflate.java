package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;

/**
 * The permessage-deflate extension as Node's {@code ws} offers it with engine.io's defaults: frames
 * under {@link EngineOptions#compressionThreshold()} go out uncompressed, and inflating a client frame
 * stops at {@link EngineOptions#maxHttpBufferSize()} bytes (no decompression bomb). Frames made by
 * {@link #textFrame}/{@link #binaryFrame} for a message that must not be compressed are marked, and the
 * encoder skips them whatever their size (Node's {@code compress: false}).
 *
 * <p>Stateless and thread safe; each handler it makes belongs to one channel and runs on its event loop,
 * and is replaced by the extension's encoder and decoder once the websocket handshake is done.
 */
public final class PerMessageDeflate {
    private static final int COMPRESSION_LEVEL = 6;

    private PerMessageDeflate() {
    }

    /** A new handler for one channel, placed before the engine's HTTP handler. */
    public static ChannelHandler newHandler(EngineOptions options) {
        int threshold = options.compressionThreshold();
        WebSocketExtensionFilter skip = frame -> frame instanceof Uncompressed || isSmall(frame, threshold);
        WebSocketExtensionFilterProvider filters = new WebSocketExtensionFilterProvider() {
            @Override
            public WebSocketExtensionFilter encoderFilter() {
                return skip;
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

    /** A text frame holding {@code content}; one the encoder never compresses unless {@code compress}. */
    static WebSocketFrame textFrame(ByteBuf content, boolean compress) {
        return compress ? new TextWebSocketFrame(content) : new UncompressedText(content);
    }

    /** A binary frame holding {@code content}; one the encoder never compresses unless {@code compress}. */
    static WebSocketFrame binaryFrame(ByteBuf content, boolean compress) {
        return compress ? new BinaryWebSocketFrame(content) : new UncompressedBinary(content);
    }

    private static boolean isSmall(WebSocketFrame frame, int threshold) {
        return frame.content().readableBytes() < threshold;
    }

    /** Marks a frame that the permessage-deflate encoder must pass through as it is. */
    private interface Uncompressed {
    }

    private static final class UncompressedText extends TextWebSocketFrame implements Uncompressed {
        UncompressedText(ByteBuf content) {
            super(content);
        }
    }

    private static final class UncompressedBinary extends BinaryWebSocketFrame implements Uncompressed {
        UncompressedBinary(ByteBuf content) {
            super(content);
        }
    }
}
