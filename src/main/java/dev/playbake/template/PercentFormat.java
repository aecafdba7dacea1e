package dev.playbake.template;

import dev.playbake.python.PyStrings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's printf-style {@code text % args} (or {@code % kwargs}), as Jinja2's format filter applies it. */
final class PercentFormat {

    private static final Pattern SPEC = Pattern.compile(
            "%(?:\\(([^)]*)\\))?([#0\\- +]*)(\\*|\\d+)?(?:\\.(\\*|\\d*))?[hlL]?([diouxXeEfFgGcrsa%])");

    private PercentFormat() {
    }

    static String format(String text, Object[] args, Map<String, Object> kwargs) {
        if (args.length > 0 && !kwargs.isEmpty()) {
            throw new TemplateException("can't handle positional and keyword arguments at the same time");
        }
        StringBuilder out = new StringBuilder();
        Matcher spec = SPEC.matcher(text);
        int copied = 0;
        int next = 0;
        while (spec.find()) {
            out.append(text, copied, spec.start());
            copied = spec.end();
            char type = spec.group(5).charAt(0);
            if (type == '%' && spec.group(1) == null) {
                out.append('%');
                continue;
            }
            String flags = spec.group(2);
            int width = spec.group(3) == null ? 0 : spec.group(3).equals("*") ? intOf(args[next++]) : Integer.parseInt(spec.group(3));
            String p = spec.group(4);
            int precision = p == null ? -1 : p.equals("*") ? intOf(args[next++]) : p.isEmpty() ? 0 : Integer.parseInt(p);
            Object value;
            if (spec.group(1) != null) {
                if (!kwargs.containsKey(spec.group(1))) {
                    throw new TemplateException("KeyError: " + PyStrings.repr(spec.group(1)));
                }
                value = kwargs.get(spec.group(1));
            } else {
                if (next >= args.length) {
                    throw new TemplateException("not enough arguments for format string");
                }
                value = args[next++];
            }
            out.append(pad(convert(type, flags, precision, value), flags, width, "diouxXeEfFgG".indexOf(type) >= 0));
        }
        if (kwargs.isEmpty() && next < args.length) {
            throw new TemplateException("not all arguments converted during string formatting");
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static int intOf(Object value) {
        return ((Number) value).intValue();
    }

    private static String convert(char type, String flags, int precision, Object value) {
        switch (type) {
            case 's', 'r', 'a' -> {
                String text = type == 's' ? PyStrings.str(value) : PyStrings.repr(value);
                return precision >= 0 && precision < text.length() ? text.substring(0, precision) : text;
            }
            case 'c' -> {
                return value instanceof Number n ? new String(Character.toChars(n.intValue())) : String.valueOf(value);
            }
            case 'd', 'i', 'u', 'o', 'x', 'X' -> {
                if (!(value instanceof Number || value instanceof Boolean)
                        || "oxX".indexOf(type) >= 0 && (value instanceof Double || value instanceof Float)) {
                    throw new TemplateException("%" + type + " format: an integer is required, not " + FilterValues.typeName(value));
                }
                BigDecimal exact = value instanceof Boolean b ? BigDecimal.valueOf(b ? 1 : 0)
                        : new BigDecimal(((Number) value).toString());
                java.math.BigInteger integer = exact.toBigInteger();
                String digits = integer.abs().toString(type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10);
                if (type == 'X') {
                    digits = digits.toUpperCase(java.util.Locale.ROOT);
                }
                if (flags.contains("#") && "oxX".indexOf(type) >= 0) {
                    digits = "0" + (type == 'o' ? "o" : String.valueOf(type)) + digits;
                }
                return sign(integer.signum() < 0, flags) + digits;
            }
            default -> {
                Object number = PyNumbers.toFloat(value instanceof String ? null : value, null);
                if (!(number instanceof Double d)) {
                    throw new TemplateException("must be real number, not " + FilterValues.typeName(value));
                }
                return sign(d < 0 || (d == 0 && 1 / d < 0), flags) + floating(Math.abs(d), type, precision < 0 ? 6 : precision,
                        flags.contains("#"));
            }
        }
    }

    private static String sign(boolean negative, String flags) {
        return negative ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
    }

    private static String floating(double value, char type, int precision, boolean alternate) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            String word = Double.isNaN(value) ? "nan" : "inf";
            return Character.isUpperCase(type) ? word.toUpperCase(java.util.Locale.ROOT) : word;
        }
        String text = switch (Character.toLowerCase(type)) {
            case 'f' -> PyNumbers.fixed(value, precision);
            case 'e' -> exponent(value, precision);
            default -> general(value, precision == 0 ? 1 : precision, alternate);
        };
        return Character.isUpperCase(type) ? text.toUpperCase(java.util.Locale.ROOT) : text;
    }

    /** "%.Ne": one digit, N decimals, an exponent of at least two digits. */
    private static String exponent(double value, int precision) {
        if (value == 0) {
            return PyNumbers.fixed(0, precision) + "e+00";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exp = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return mantissa + (exp < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exp));
    }

    /** "%.Ng": fixed or exponent notation by the exponent, trailing zeros dropped unless '#'. */
    private static String general(double value, int precision, boolean alternate) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = value == 0 ? 0 : rounded.precision() - rounded.scale() - 1;
        String text = exp >= -4 && exp < precision ? PyNumbers.fixed(value, precision - 1 - exp)
                : exponent(value, precision - 1);
        if (alternate) {
            return text;
        }
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return mantissa + (e < 0 ? "" : text.substring(e));
    }

    private static String pad(String text, String flags, int width, boolean numeric) {
        if (text.length() >= width) {
            return text;
        }
        String fill = " ".repeat(width - text.length());
        if (flags.contains("-")) {
            return text + fill;
        }
        if (flags.contains("0") && numeric) {
            int signs = !text.isEmpty() && "+- ".indexOf(text.charAt(0)) >= 0 ? 1 : 0;
            if (text.startsWith("0x", signs) || text.startsWith("0X", signs) || text.startsWith("0o", signs)) {
                signs += 2;
            }
            return text.substring(0, signs) + "0".repeat(width - text.length()) + text.substring(signs);
        }
        return fill + text;
    }
}
