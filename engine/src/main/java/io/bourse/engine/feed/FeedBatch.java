package io.bourse.engine.feed;

import io.bourse.core.shard.ShardEvent;
import java.util.List;

/**
 * A slice of a replica's event feed.
 *
 * @param reset the reader's position was not valid here: it must reload state, then continue after {@code lastSequence}
 * @param lastSequence the sequence of the last event included (or, when empty, the position to continue from)
 */
public record FeedBatch(long epoch, boolean reset, long lastSequence, List<ShardEvent> events) {}
