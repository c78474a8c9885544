package io.bourse.core.shard;

/**
 * One deposit or withdrawal an account's shard applied: cash in cents ({@code asset} is
 * {@link io.bourse.core.ledger.Ledger#CASH}) or shares of the instrument whose id {@code asset} is.
 */
public record TransferView(long transferId, int asset, boolean deposit, long amount, long atMillis) {}
