package io.bourse.engine.directory;

import io.bourse.core.instrument.Instrument;

/** An instrument as the directory lists it: its definition and the shard that holds its book. */
public record InstrumentListing(Instrument instrument, int marketShard) {}
