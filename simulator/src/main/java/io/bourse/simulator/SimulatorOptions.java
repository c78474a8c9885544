package io.bourse.simulator;

/**
 * How busy the simulated market is.
 *
 * @param actionsPerSecond requests the bots send, all together
 * @param makers market-making bots (each quotes every ticker)
 * @param takers noise traders (each takes liquidity at random)
 * @param seed the random seed: the same seed makes the same decisions
 */
public record SimulatorOptions(double actionsPerSecond, int makers, int takers, long seed) {

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(20, 2, 4, 7);
    }

    public SimulatorOptions withRate(double rate) {
        return new SimulatorOptions(rate, makers, takers, seed);
    }
}
