package dev.playbake.template;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Python's {@code random.Random} (MT19937, version 2 seeding), so that seeded {@code random} and
 * {@code shuffle} filters give the values ansible-core's give.
 */
final class PyRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;

    /** Seeds as {@code random.Random(seed)} does: a str by its bytes and their sha512, an int by its absolute value, a float by its hash. */
    PyRandom(Object seed) {
        initByArray(words(seedInteger(seed)));
    }

    private static BigInteger seedInteger(Object seed) {
        if (seed instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            byte[] digest = sha512(bytes);
            byte[] joined = new byte[bytes.length + digest.length];
            System.arraycopy(bytes, 0, joined, 0, bytes.length);
            System.arraycopy(digest, 0, joined, bytes.length, digest.length);
            return new BigInteger(1, joined);
        }
        if (seed instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (seed instanceof BigInteger big) {
            return big.abs();
        }
        if (seed instanceof Double || seed instanceof Float) {
            // CPython seeds with hash(float) read as an unsigned size_t, not with its absolute value
            return new BigInteger(Long.toUnsignedString(floatHash(((Number) seed).doubleValue())));
        }
        if (seed instanceof Number n) {
            return BigInteger.valueOf(n.longValue()).abs();
        }
        throw new TemplateException("random seed must be an int, a float or a string, not " + FilterValues.typeName(seed));
    }

    /** CPython's _Py_HashDouble: the value modulo the Mersenne prime 2**61 - 1, 28 bits at a time. */
    static long floatHash(double value) {
        final long modulus = (1L << 61) - 1;
        if (Double.isNaN(value)) {
            throw new TemplateException("random seed nan has no stable hash");
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? 314159 : -314159;
        }
        int exponent = value == 0 ? 0 : Math.getExponent(value) + 1;
        if (value != 0 && Math.getExponent(value) < Double.MIN_EXPONENT) {
            exponent = Math.getExponent(value * 0x1p54) + 1 - 54;
        }
        double mantissa = Math.abs(Math.scalb(value, -exponent));
        long x = 0;
        while (mantissa != 0) {
            x = ((x << 28) & modulus) | x >>> (61 - 28);
            mantissa *= 268435456.0;
            exponent -= 28;
            long whole = (long) mantissa;
            mantissa -= whole;
            x += whole;
            if (x >= modulus) {
                x -= modulus;
            }
        }
        exponent = exponent >= 0 ? exponent % 61 : 61 - 1 - ((-1 - exponent) % 61);
        x = ((x << exponent) & modulus) | x >>> (61 - exponent);
        x = value < 0 ? -x : x;
        return x == -1 ? -2 : x;
    }

    private static byte[] sha512(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-512", e);
        }
    }

    /** The seed's 32-bit words, least significant first; zero is one word, as CPython's random_seed makes it. */
    private static int[] words(BigInteger seed) {
        int count = seed.signum() == 0 ? 1 : (seed.bitLength() - 1) / 32 + 1;
        int[] key = new int[count];
        for (int i = 0; i < count; i++) {
            key[i] = seed.shiftRight(32 * i).intValue();
        }
        return key;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    private int nextWord() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >>> 18);
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
        }
        index = 0;
    }

    /** {@code getrandbits(k)} for 0 &lt; k &lt;= 63: 32-bit words, the first the least significant. */
    long getrandbits(int k) {
        long result = 0;
        for (int shift = 0; k > 0; shift += 32, k -= 32) {
            long word = Integer.toUnsignedLong(nextWord());
            if (k < 32) {
                word >>>= 32 - k;
            }
            result |= word << shift;
        }
        return result;
    }

    /** {@code _randbelow(n)}: draws of n's bit length until one is below n. */
    long randbelow(long n) {
        int bits = 64 - Long.numberOfLeadingZeros(n);
        long r = getrandbits(bits);
        while (r >= n) {
            r = getrandbits(bits);
        }
        return r;
    }

    /** {@code randrange(start, stop, step)}. */
    long randrange(long start, long stop, long step) {
        long width = stop - start;
        if (step == 0) {
            throw new TemplateException("random: zero step for randrange()");
        }
        long count = step == 1 ? width : step > 0 ? Math.floorDiv(width + step - 1, step) : Math.floorDiv(width + step + 1, step);
        if (count <= 0) {
            throw new TemplateException("random: empty range for randrange() (" + start + ", " + stop + ", " + step + ")");
        }
        return start + step * randbelow(count);
    }

    /** {@code choice(seq)}. */
    <T> T choice(List<T> items) {
        if (items.isEmpty()) {
            throw new TemplateException("random: cannot choose from an empty sequence");
        }
        return items.get((int) randbelow(items.size()));
    }

    /** {@code shuffle(x)} in place: Fisher-Yates from the end. */
    <T> void shuffle(List<T> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = (int) randbelow(i + 1);
            T swapped = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swapped);
        }
    }
}
