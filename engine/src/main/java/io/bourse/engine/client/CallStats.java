package io.bourse.engine.client;

/**
 * How an engine client's commands went out to the shards since it started: the calls that carried
 * them (one batch of waiting commands each, counted once whether its leader answered at the first
 * try, after a retry to another replica, or not at all), the commands in those calls, and the
 * nanoseconds the commands waited, each from its submission to its call's start (for a free call
 * slot: a gateway's part of a write's time).
 */
public record CallStats(long calls, long commands, long waitedNanos) {
    public static final CallStats NONE = new CallStats(0, 0, 0);

    public CallStats plus(CallStats other) {
        return new CallStats(calls + other.calls, commands + other.commands, waitedNanos + other.waitedNanos);
    }

    /** What was sent since {@code earlier}, a reading of the same client. */
    public CallStats since(CallStats earlier) {
        return new CallStats(calls - earlier.calls, commands - earlier.commands, waitedNanos - earlier.waitedNanos);
    }

    public double commandsPerCall() {
        return calls == 0 ? 0 : (double) commands / calls;
    }

    /** The mean wait of a command for its call, in milliseconds. */
    public double meanWaitMillis() {
        return commands == 0 ? 0 : waitedNanos / 1e6 / commands;
    }
}
