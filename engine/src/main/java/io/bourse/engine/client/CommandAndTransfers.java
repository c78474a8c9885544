package io.bourse.engine.client;

import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.TransferView;
import java.util.List;

/** A command's result, and the account's kept deposits and withdrawals as they were right after it, oldest first. */
public record CommandAndTransfers(CommandResult result, List<TransferView> transfers) {}
