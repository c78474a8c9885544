package io.bourse.client.model;

/**
 * A tradable instrument. Prices must be multiples of {@code tickSize} within the band
 * [{@code bandLow}, {@code bandHigh}]; quantities multiples of {@code lotSize}, at most {@code maxOrderQuantity}.
 */
public record Instrument(String symbol, String tickSize, long lotSize, String referencePrice, String bandLow,
                         String bandHigh, String makerFeePerLot, String takerFeePerLot, long maxOrderQuantity) {}
