/**
 * Projects (seed 002): persisted projects with members and stages, REST {@code /api/v1/projects}
 * ({@code ProjectsController}, {@code ProjectService}, {@code ProjectsSecurity}) and the project events of the
 * shared namespace {@code /} ({@code ProjectsGateway}: {@code join:project}, {@code leave:project},
 * {@code project:update}, {@code stage:completed}, {@code notification:new}). Other features use
 * {@code Caller} (identity from the JWT, never from {@code query.userId}), {@code ProjectMembers},
 * {@code UserNotices} (the user's room on {@code /}) and the {@code MemberRemoved} event.
 *
 * <p>Rooms: {@code user:<uid>} and {@code project:<id>}, joined only by the server after checking the token and
 * the membership; a name a client sends to another feature can never reach them.
 *
 * <p>Threading: controllers return Reactor types and run JDBC through {@code Blocking}; gateway handlers run on
 * the handler executor; a project's changes and their after-commit emits run one at a time per project
 * ({@code ProjectLocks}), so its events leave in commit order.
 */
package dev.socketeer.server.projects;
