/**
 * What every feature shares: RFC 9457 problem details ({@code Problems}, {@code ApiExceptionHandler},
 * {@code ProblemResponseWriter}), CORS from {@code socketeer.cors.*}, paging views and the bridge from blocking
 * calls to Reactor ({@code Blocking}).
 */
package dev.socketeer.server.common;
