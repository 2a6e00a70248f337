package dev.socketeer.server.projects;

import dev.socketeer.server.common.StripedLocks;
import org.springframework.stereotype.Component;

/**
 * The in-process locks of projects: a change of a project (and its after-commit emits) and a socket joining
 * its room hold the project's stripe, so a member removed at that moment is never left in the room. Thread safe.
 */
@Component
final class ProjectLocks {

    private final StripedLocks stripes = new StripedLocks(64);

    StripedLocks stripes() {
        return stripes;
    }
}
