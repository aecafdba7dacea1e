package dev.playbake.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/** Python's int() and float() of a value, as Jinja2's int and float filters call them, and its "%.Nf". */
final class PyNumbers {

    private static final Pattern DIGITS = Pattern.compile("[0-9a-z](_?[0-9a-z])*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?((\\d(_?\\d)*)(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");

    private PyNumbers() {
    }

    /** Jinja2's do_int: int(value, base) for a string, int(value) otherwise, then int(float(value)), else the default. */
    static Object toInt(Object value, Object fallback, int base) {
        if (value instanceof String s) {
            BigInteger parsed = parseInt(s, base);
            if (parsed != null) {
                return narrow(parsed);
            }
        } else if (value instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (value instanceof Integer || value instanceof Long) {
            return value;
        }
        Object asFloat = toFloat(value, null);
        if (asFloat instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new TemplateException("cannot convert float " + (d.isNaN() ? "NaN" : "infinity") + " to integer");
            }
            return narrow(new BigDecimal(d).toBigInteger());
        }
        return fallback;
    }

    /** Python's int(text, base): spaces around, a sign, the base's prefix (any with base 0), underscores between digits. */
    static BigInteger parseInt(String text, int base) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = base;
        String prefix = s.length() > 1 && s.charAt(0) == '0' ? s.substring(0, 2) : "";
        int prefixed = switch (prefix) {
            case "0x" -> 16;
            case "0o" -> 8;
            case "0b" -> 2;
            default -> 0;
        };
        if (prefixed != 0 && (base == 0 || base == prefixed)) {
            radix = prefixed;
            s = s.substring(2).replaceFirst("^_", "");
        } else if (base == 0) {
            radix = 10;
            if (s.length() > 1 && s.charAt(0) == '0' && !s.replace("_", "").matches("0+")) {
                return null;
            }
        }
        if (radix < 2 || radix > 36 || !DIGITS.matcher(s).matches()) {
            return null;
        }
        try {
            BigInteger parsed = new BigInteger(s.replace("_", ""), radix);
            return negative ? parsed.negate() : parsed;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Python's float(value), or the fallback where it raises. */
    static Object toFloat(Object value, Object fallback) {
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (!(value instanceof String text)) {
            return fallback;
        }
        String s = text.strip();
        String word = s.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
        if (word.equals("inf") || word.equals("infinity") || word.equals("nan")) {
            double special = word.equals("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
            return s.startsWith("-") ? -special : special;
        }
        return FLOAT.matcher(s).matches() ? Double.parseDouble(s.replace("_", "")) : fallback;
    }

    /** An int where it fits, as the rest of the templates expect; a long or BigInteger beyond. */
    static Object narrow(BigInteger value) {
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** Python's {@code "%.Nf" % value}: the exact binary value rounded half to even. */
    static String fixed(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
