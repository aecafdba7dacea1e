package dev.playbake.template;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Python's random.Random, draw for draw; every expected value was printed by Python 3.11 (ansible-core 2.14's). */
class PyRandomTest {

    @Test
    void getrandbitsMatchesPython() {
        // python3 -c "import random; r=random.Random(0); print([r.getrandbits(32) for _ in range(3)], r.getrandbits(63), r.getrandbits(40))"
        PyRandom r = new PyRandom(0);
        assertEquals(List.of(3626764237L, 1654615998L, 3255389356L), List.of(r.getrandbits(32), r.getrandbits(32), r.getrandbits(32)));
        assertEquals(3879088202122200706L, r.getrandbits(63));
        assertEquals(283641720628L, r.getrandbits(40));
        // python3 -c "import random; print(random.Random('x').getrandbits(32))"
        assertEquals(2709212627L, new PyRandom("x").getrandbits(32));
    }

    @Test
    void seedsOfEveryTypeMatchPython() {
        // python3 -c "import random; print(random.Random(2**70).randrange(1000000), random.Random(-5).randrange(1000000),
        //   random.Random(1.5).randrange(100), random.Random(-2.25).randrange(100), random.Random(12345).randrange(0, 1099511627776),
        //   random.Random(True).randrange(10**18))"
        assertEquals(244096, new PyRandom(BigInteger.TWO.pow(70)).randrange(0, 1000000, 1));
        assertEquals(653159, new PyRandom(-5).randrange(0, 1000000, 1));
        assertEquals(70, new PyRandom(1.5).randrange(0, 100, 1));
        assertEquals(17, new PyRandom(-2.25).randrange(0, 100, 1));
        assertEquals(593537256020L, new PyRandom(12345).randrange(0, 1099511627776L, 1));
        assertEquals(656247381085762037L, new PyRandom(true).randrange(0, 1000000000000000000L, 1));
    }

    @Test
    void floatHashIsCPythons() {
        // python3 -c "print(hash(1.5), hash(-2.25), hash(1e300), hash(5e-324))"
        assertEquals(1152921504606846977L, PyRandom.floatHash(1.5));
        assertEquals(-576460752303423490L, PyRandom.floatHash(-2.25));
        assertEquals(1224995262755759164L, PyRandom.floatHash(1e300));
        assertEquals(16777216L, PyRandom.floatHash(5e-324));
    }

    @Test
    void shuffleMatchesPython() {
        // python3 -c "import random; l=list(range(1,11)); random.Random(12345).shuffle(l); print(l)"
        List<Object> items = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        new PyRandom(12345).shuffle(items);
        assertEquals(List.of(9, 8, 4, 6, 2, 3, 10, 5, 1, 7), items);
    }
}
