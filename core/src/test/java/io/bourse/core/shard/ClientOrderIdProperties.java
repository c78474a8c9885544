package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written client order id check accepts exactly what its specification, a regular expression, accepts. */
class ClientOrderIdProperties {
    private static final Pattern SPECIFICATION = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Property(tries = 2_000)
    void agreesWithTheSpecification(@ForAll("ids") String id) {
        assertThat(Accounts.isValidClientOrderId(id)).isEqualTo(SPECIFICATION.matcher(id).matches());
    }

    @Provide
    Arbitrary<String> ids() {
        // Mostly allowed characters, with some that are not (space, '!', '/', non-ASCII), at lengths around the bound.
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.chars().alpha().numeric().with('.', '_', ':', '-')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().with(' ', '!', '/', 'é', '\u0000', '+')));
        return chars.list().ofMinSize(0).ofMaxSize(70).map(list -> {
            StringBuilder id = new StringBuilder();
            list.forEach(id::append);
            return id.toString();
        });
    }
}
