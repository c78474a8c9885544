package io.bourse.engine.query;

/**
 * A shard replica's vital signs.
 *
 * @param slotsOwned account slots this shard's routing table gives to itself
 * @param unacknowledgedMessages messages in its outboxes not yet acknowledged by their destination
 */
public record ShardStatus(int shardId, String stateHash, long logTimeMillis, int openOrders, int instruments,
                          int slotsOwned, long unacknowledgedMessages) {}
