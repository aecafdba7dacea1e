package dev.playbake.api;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Kubernetes quantity syntax, as k8s.io/apimachinery reads it. */
class QuantitiesTest {

    @Test
    void binaryAndDecimalSuffixesAndExponents() {
        assertEquals(2147483648L, value("2Gi"));
        assertEquals(1536L, value("1.5Ki"));
        assertEquals(2_000_000_000L, value("2G"));
        assertEquals(1000L, value("1k"));
        assertEquals(1000L, value("1e3"));
        assertEquals(1000L, value("1E3"));
        assertEquals(1_000_000_000_000_000_000L, value("1E"), "E alone is exa");
        assertEquals(new BigDecimal("0.5"), Quantities.parse("500m").orElseThrow().stripTrailingZeros());
        assertEquals(new BigDecimal("2.5"), Quantities.parse("2.5").orElseThrow());
        assertEquals(new BigDecimal("0.5"), Quantities.parse(".5").orElseThrow());
        assertEquals(new BigDecimal("1E-9"), Quantities.parse("1n").orElseThrow().stripTrailingZeros());
    }

    @Test
    void whatIsNotAQuantity() {
        for (String text : new String[]{"", "Gi", "2 Gi", "2gi", "2GB", "2KiB", "1e", "lots", "2Gi2", "1e99999999999"}) {
            assertEquals(Optional.empty(), Quantities.parse(text), text);
        }
    }

    private static long value(String text) {
        return Quantities.parse(text).orElseThrow().longValueExact();
    }
}
