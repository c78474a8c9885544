package io.bourse.engine.client;

import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.OrderView;
import java.util.Optional;

/** A command's result, and one of the account's orders as it was right after the command (empty when rejected or not found). */
public record CommandAndOrder(CommandResult result, Optional<OrderView> order) {}
