package io.bourse.core.shard;

/**
 * What an account paid for the shares of one instrument it holds, and what it has realized by
 * selling. The quantity is the account's share balance in the ledger.
 *
 * @param costBasisCents what the shares held now cost, fees included (average-cost method)
 * @param realizedPnlCents proceeds of sales, after fees, minus the cost basis of the shares sold
 */
public record PositionView(long accountId, int instrumentId, long costBasisCents, long realizedPnlCents) {}
