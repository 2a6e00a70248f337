/**
 * Engine.IO protocol 4 server on Netty: the handshake, the HTTP long-polling and websocket transports,
 * the polling-to-websocket upgrade, the server-driven heartbeat, limits and CORS. It speaks the wire
 * format of Node's {@code engine.io} 6.6; when the two disagree, Node is right, except for the
 * deliberate deviations listed below.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li>Every session ({@link dev.socketeer.engine.EngineSocket}) belongs to one Netty event loop, the
 *       loop of the connection that opened it. Its packet reads, its writes, its heartbeat timers and
 *       its upgrade state machine all run there, so session state needs no locks.</li>
 *   <li>I/O threads never run user code beyond the callbacks below and never block. The
 *       {@link dev.socketeer.engine.EngineSocket.Listener} callbacks, the connection listener and
 *       {@link dev.socketeer.engine.AllowRequest} run on the event loop: they must return quickly and
 *       hand real work to the layer above's own executor (Socket.IO runs user handlers off the I/O
 *       threads, in order per socket).</li>
 *   <li>{@link dev.socketeer.engine.EngineSocket#send}, {@code sendVolatile} and {@code close} may be
 *       called from any thread; calls from another thread are queued to the session's loop, so the
 *       messages of one calling thread keep their order.</li>
 *   <li>A session upgraded from polling keeps its event loop even if the websocket connection landed
 *       on another one; writes are handed to the websocket's loop in order.</li>
 *   <li>Requests of one session read by different loops keep their arrival order where it matters: before
 *       a close POST, and before a poll once an upgrade probe was answered, the session's loop waits for
 *       every loop's next I/O pass, so whatever arrived earlier is handled first.</li>
 * </ul>
 *
 * <h2>Deliberate deviations from Node</h2>
 * <ul>
 *   <li><b>CORS refusal.</b> With a {@link dev.socketeer.engine.CorsOptions} policy, a request whose
 *       {@code Origin} is not allowed (preflight included) is answered {@code 403}
 *       {@code {"code":4,"message":"Forbidden"}}. Node processes it and only omits the CORS headers,
 *       leaving the refusal to the browser. A websocket upgrade from such an origin is refused too.</li>
 *   <li><b>Same-origin websockets without CORS.</b> Without a policy, a websocket upgrade that carries
 *       an {@code Origin} other than the server's own host is refused (cross-site websocket hijacking);
 *       clients that send no {@code Origin} (native, Node) are accepted. Node accepts any origin.</li>
 *   <li><b>Outbound cap.</b> A session whose queued outbound bytes pass
 *       {@link dev.socketeer.engine.EngineOptions#maxOutboundBuffer()} (a polling client that stops
 *       polling, a websocket that does not read) is closed with {@code transport error}; every byte queued
 *       for the connection counts, control frames included. Node buffers without bound.</li>
 *   <li><b>A client that does not read is not read.</b> A websocket stops being read while its outbound
 *       buffer is over Netty's high-water mark (64 KiB) and is read again once it drains; PINGs that
 *       arrive meanwhile get one PONG, for the latest (RFC 6455 allows it). Node's {@code ws} answers every
 *       PING and keeps reading, so a client sending PINGs without reading grows its buffer without bound.</li>
 *   <li><b>Bodies that are not read.</b> A polling POST over {@code maxHttpBufferSize} is answered
 *       {@code 413} and ends its session (Node answers {@code 413} and leaves the session to the client,
 *       which closes it when its POST fails). A POST whose session closes before its body is in is answered
 *       {@code 400} {@code {"code":1,"message":"Session ID unknown"}} at once ({@code {"code":3}} when the
 *       session upgraded instead) and its connection closed; Node closes such a connection without an answer
 *       (and lets a POST still arriving after an upgrade go on).</li>
 *   <li><b>Smaller differences.</b> A polling POST with {@code Content-Type: application/octet-stream}
 *       is answered {@code 400} (Node leaves it unanswered); invalid base64 in a {@code b} packet is a
 *       parse error (Node decodes leniently); a websocket upgrade for a session when
 *       {@code allowUpgrades} is off is refused; {@link dev.socketeer.engine.EngineServer#close()} ends
 *       sessions with {@code server shutting down} where Node's engine says {@code forced close}
 *       (Socket.IO reports {@code server shutting down} either way); permessage-deflate inflates at most
 *       {@code maxHttpBufferSize} bytes per message; a request on the engine's path whose query has a
 *       malformed percent-escape ({@code %zz}) is answered {@code 400} {@code {"code":3,"message":"Bad request"}}
 *       (Node's {@code querystring} keeps such an escape undecoded). Requests are routed on their path as
 *       sent, before anything is decoded, so a bad escape on another path is never the engine's concern.</li>
 * </ul>
 *
 * <p>Null-safety: types and members are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.socketeer.engine;

import org.jspecify.annotations.NullMarked;
