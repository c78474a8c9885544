package io.bourse.bench.micro;

import io.bourse.core.instrument.Instrument;
import io.bourse.engine.directory.DirectoryView;
import io.bourse.engine.directory.InstrumentListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What finding an order's instrument costs, by symbol (the gateway, every order) and by id (the
 * engine client, to route), against scanning the list of listings, which is how the directory
 * answered before it indexed them: the baseline, measured in the same run.
 *
 * <pre>java -cp bench/target/bourse-bench.jar org.openjdk.jmh.Main DirectoryLookup</pre>
 */
public class DirectoryLookupBenchmark extends MicroBenchmark {
    /** Listed instruments: a demo's handful, an exchange's few thousand, and more. */
    @Param({"8", "1000", "10000"})
    int listed;

    private DirectoryView directory;
    private List<InstrumentListing> listings;
    private String[] symbols;
    private int[] ids;
    private int next;

    @Setup
    public void list() {
        listings = new ArrayList<>(listed);
        for (int i = 1; i <= listed; i++) {
            listings.add(new InstrumentListing(new Instrument(i, "S" + i, 1, 1, 10_000, 1_000, 500, 1, 2, 100_000), i % 4));
        }
        directory = new DirectoryView(1, null, new int[0], listings);
        // Looked up in a scrambled order, so no run of lookups hits one entry (or one end of the list) only.
        symbols = new String[1024];
        ids = new int[1024];
        for (int i = 0; i < symbols.length; i++) {
            int id = 1 + (int) ((i * 2_654_435_761L) % listed);
            ids[i] = id;
            symbols[i] = "S" + id;
        }
    }

    private int nextIndex() {
        next = (next + 1) & 1023;
        return next;
    }

    @Benchmark
    public Optional<InstrumentListing> bySymbol() {
        return directory.instrument(symbols[nextIndex()]);
    }

    @Benchmark
    public Optional<InstrumentListing> byId() {
        return directory.instrument(ids[nextIndex()]);
    }

    @Benchmark
    public Optional<InstrumentListing> bySymbolScanning() {
        String symbol = symbols[nextIndex()];
        return listings.stream().filter(l -> l.instrument().symbol().equals(symbol)).findFirst();
    }

    @Benchmark
    public Optional<InstrumentListing> byIdScanning() {
        int id = ids[nextIndex()];
        return listings.stream().filter(l -> l.instrument().id() == id).findFirst();
    }
}
