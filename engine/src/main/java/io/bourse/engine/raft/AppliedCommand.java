package io.bourse.engine.raft;

/**
 * A committed command as its leader saw it applied: the state machine's encoded result and, when
 * the proposer asked for one, a read of the state right after the command's log entry (null when
 * none was asked for or the read failed).
 */
public record AppliedCommand(byte[] result, byte[] readAfter) {}
