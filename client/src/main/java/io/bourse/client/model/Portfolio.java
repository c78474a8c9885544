package io.bourse.client.model;

import java.util.List;

/**
 * An account at a glance. {@code buyingPower} is the cash not held for open orders;
 * {@code totalValue} = {@code cash} + {@code positionsValue}.
 */
public record Portfolio(String accountId, String cash, String cashHeld, String buyingPower, String positionsValue,
                        String totalValue, String unrealizedPnl, String realizedPnl, List<Position> positions) {}
