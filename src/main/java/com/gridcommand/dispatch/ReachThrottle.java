package com.gridcommand.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * How often the dispatcher's screen recomputes the live reach while units move: the first time always, then
 * once at least {@link #EVERY} has passed since it was last computed. Between, the last answer is shown again.
 */
public final class ReachThrottle {

    /** The live reach is recomputed at most this often while units move. */
    public static final Duration EVERY = Duration.ofSeconds(10);

    private Instant last;

    /** Whether the reach is due at {@code now}. */
    public boolean due(Instant now) {
        return last == null || Duration.between(last, now).compareTo(EVERY) >= 0;
    }

    /** The reach was computed at {@code now}. */
    public void computed(Instant now) {
        last = now;
    }
}
