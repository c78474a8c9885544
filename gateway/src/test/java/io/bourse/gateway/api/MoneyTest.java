package io.bourse.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.gateway.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void amountsAreWholeCentsUpToThirteenWholeDigits() {
        assertThat(Money.parseCents("amount", "125.5")).isEqualTo(12_550);
        assertThat(Money.parseCents("amount", "7")).isEqualTo(700);
        assertThat(Money.parseCents("amount", "9999999999999.99")).isEqualTo(999_999_999_999_999L);
    }

    @Test
    void whatIsNotAnAmountIsRefusedSayingWhy() {
        assertThatThrownBy(() -> Money.parseCents("amount", "10000000000000.00"))
                .isInstanceOf(ApiException.class).hasMessageContaining("must be at most 9999999999999.99");
        for (String malformed : List.of("1.001", "-1.00", "1e3", " 1.00", "0000000000000001.00")) {
            assertThatThrownBy(() -> Money.parseCents("amount", malformed)).as(malformed)
                    .isInstanceOf(ApiException.class).hasMessageContaining("positive decimal amount");
        }
        assertThatThrownBy(() -> Money.parseCents("amount", "0.00")).hasMessageContaining("greater than zero");
    }

    @Test
    void theOpenApiDocumentDescribesTheAmountsThatAreTaken() throws IOException {
        JsonNode schemas;
        try (InputStream in = MoneyTest.class.getResourceAsStream("/openapi.json")) {
            schemas = new ObjectMapper().readTree(in).path("components").path("schemas");
        }
        String expected = "^" + Money.INPUT_PATTERN + "$";
        assertThat(schemas.path("AmountRequest").path("properties").path("amount").path("pattern").asText()).isEqualTo(expected);
        assertThat(schemas.path("OrderRequest").path("properties").path("limitPrice").path("pattern").asText()).isEqualTo(expected);
        assertThat(schemas.path("OrderRequest").path("properties").path("stopPrice").path("pattern").asText()).isEqualTo(expected);
        assertThat(schemas.path("ReplaceRequest").path("properties").path("limitPrice").path("pattern").asText()).isEqualTo(expected);
    }
}
