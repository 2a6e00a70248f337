package dev.socketeer.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A raw TCP client for what the JDK clients will not send or show: junk, aborted requests, hand-made
 * websocket frames, and the RSV1 (compressed) bit of the frames a server sends. Connects to 127.0.0.1 and
 * reads with a 5 s timeout. Lifecycle: open in the constructor, {@link #close()} when done.
 *
 * <p>Threading: not thread safe; drive it from one test thread.
 */
public final class RawClient implements AutoCloseable {
    /** The underlying socket, for tests that half-close or time out by hand. */
    public final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A response head and its body (read by Content-Length). Header names in lower case. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One server frame: opcode, payload, and whether RSV1 (compressed) was set. */
    public record Frame(int opcode, byte[] payload, boolean rsv1) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The payload of a permessage-deflate (RSV1) frame, inflated, as UTF-8 text. */
        public String inflatedText() {
            Inflater inflater = new Inflater(true);
            byte[] input = Arrays.copyOf(payload, payload.length + 4); // the stripped 00 00 ff ff tail
            input[payload.length + 2] = (byte) 0xff;
            input[payload.length + 3] = (byte) 0xff;
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = inflater.inflate(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            } catch (DataFormatException e) {
                throw new AssertionError("not a deflated payload", e);
            } finally {
                inflater.end();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public RawClient(int port) throws IOException {
        this(port, 0);
    }

    /**
     * A client whose socket receive buffer is {@code receiveBufferSize} bytes (0 for the system's default),
     * set before connecting so that a client that does not read fills its window soon.
     */
    public RawClient(int port, int receiveBufferSize) throws IOException {
        socket = new Socket();
        if (receiveBufferSize > 0) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** One masked websocket frame, as bytes (to send many at once with {@link #write(byte[])}). */
    public static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        writeFrame(f, opcode, payload, true);
        return f.toByteArray();
    }

    /** A websocket upgrade request for {@code /socket.io/?query}, with {@code extraHeaders} ("Name: value"). */
    public static String upgradeRequest(int port, String query, String... extraHeaders) {
        StringBuilder sb = new StringBuilder("GET /socket.io/?" + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** Writes {@code s} as ISO-8859-1 bytes. */
    public void write(String s) throws IOException {
        write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void write(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** Reads an HTTP response head and its Content-Length body. */
    public Response readResponse() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in response head: " + head);
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, in.readNBytes(length));
    }

    /** Sends one final websocket frame, masked as a client must unless told otherwise. */
    public void sendFrame(int opcode, byte[] payload, boolean masked) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        writeFrame(f, opcode, payload, masked);
        write(f.toByteArray());
    }

    private static void writeFrame(ByteArrayOutputStream f, int opcode, byte[] payload, boolean masked) {
        f.write(0x80 | opcode);
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            f.write(mask | payload.length);
        } else {
            f.write(mask | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        byte[] key = {1, 2, 3, 4};
        if (masked) {
            f.write(key, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            f.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
        }
    }

    /** Sends one masked text frame. */
    public void sendText(String text) throws IOException {
        sendFrame(1, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Reads one server frame (server frames are never masked). */
    public Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        return new Frame(b0 & 0x0f, in.readNBytes((int) length), (b0 & 0x40) != 0);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed");
        }
        return b;
    }

    /** Whether the server closes the connection within the socket timeout (reading and dropping the rest). */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
