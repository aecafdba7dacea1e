package dev.playbake.template;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's urlize: http(s) URLs, {@code www.} and bare domains of the classic top-level domains, and e-mail
 * addresses in (escaped) text become links, with leading and trailing punctuation kept outside the link.
 */
final class Urlize {

    private static final Pattern HTTP = Pattern.compile("^("
            + "(https?://|www\\.)(([\\w%-]+\\.)+)?([a-z]{2,63}|xn--[\\w%]{2,59})"
            + "|([\\w%-]{2,63}\\.)+(com|net|int|edu|gov|org|info|mil)"
            + "|(https?://)((([\\d]{1,3})(\\.[\\d]{1,3}){3})|(\\[([\\da-f]{0,4}:){2}([\\da-f]{0,4}:?){1,6}]))"
            + ")(?::[\\d]{1,5})?(?:[/?#]\\S*)?$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern EMAIL = Pattern.compile("^\\S+@\\w[\\w.-]*\\.\\w+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORDS = Pattern.compile("\\s+|\\S+");
    private static final Pattern HEAD = Pattern.compile("^([(<]|&lt;)+");
    private static final Pattern TAIL = Pattern.compile("([)>.,\\n]|&gt;)+$");
    private static final List<String[]> PAIRS = List.of(new String[] {"(", ")"}, new String[] {"<", ">"},
            new String[] {"&lt;", "&gt;"});

    private Urlize() {
    }

    /** The filter: do_urlize's arguments, rel always including Jinja2's default policy "noopener". */
    static String filter(Object value, Object[] args, Map<String, Object> kwargs) {
        Object limit = FilterValues.arg(args, 0, kwargs.get("trim_url_limit"));
        boolean nofollow = FilterValues.bool(FilterValues.arg(args, 1, kwargs.getOrDefault("nofollow", false)));
        Object target = FilterValues.arg(args, 2, kwargs.get("target"));
        Object rel = FilterValues.arg(args, 3, kwargs.get("rel"));
        TreeSet<String> relParts = new TreeSet<>(List.of(rel == null ? new String[0] : FilterValues.str(rel).split("\\s+")));
        relParts.remove("");
        if (nofollow) {
            relParts.add("nofollow");
        }
        relParts.add("noopener");
        return urlize(FilterValues.str(value), limit == null ? -1 : FilterValues.intArg(limit, -1), String.join(" ", relParts),
                target == null ? null : FilterValues.str(target));
    }

    private static String urlize(String text, int limit, String rel, String target) {
        String relAttr = " rel=\"" + JinjaFormatFilters.escape(rel) + "\"";
        String targetAttr = target == null || target.isEmpty() ? "" : " target=\"" + JinjaFormatFilters.escape(target) + "\"";
        StringBuilder out = new StringBuilder();
        Matcher word = WORDS.matcher(JinjaFormatFilters.escape(text));
        while (word.find()) {
            out.append(link(word.group(), limit, relAttr + targetAttr));
        }
        return out.toString();
    }

    private static String link(String word, int limit, String attributes) {
        String head = "";
        String middle = word;
        String tail = "";
        Matcher lead = HEAD.matcher(middle);
        if (lead.find()) {
            head = lead.group();
            middle = middle.substring(lead.end());
        }
        Matcher trail = TAIL.matcher(middle);
        if (trail.find()) {
            tail = trail.group();
            middle = middle.substring(0, trail.start());
        }
        for (String[] pair : PAIRS) {
            int opened = count(middle, pair[0]);
            for (int i = count(middle, pair[1]); i < opened && tail.contains(pair[1]); i++) {
                int end = tail.indexOf(pair[1]) + pair[1].length();
                middle += tail.substring(0, end);
                tail = tail.substring(end);
            }
        }
        if (HTTP.matcher(middle).matches()) {
            String href = middle.startsWith("https://") || middle.startsWith("http://") ? middle : "https://" + middle;
            String shown = limit >= 0 && middle.length() > limit ? middle.substring(0, limit) + "..." : middle;
            middle = "<a href=\"" + href + "\"" + attributes + ">" + shown + "</a>";
        } else if (middle.startsWith("mailto:") && EMAIL.matcher(middle.substring(7)).matches()) {
            middle = "<a href=\"" + middle + "\">" + middle.substring(7) + "</a>";
        } else if (middle.contains("@") && !middle.startsWith("www.") && !middle.contains(":")
                && EMAIL.matcher(middle).matches()) {
            middle = "<a href=\"mailto:" + middle + "\">" + middle + "</a>";
        }
        return head + middle + tail;
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            found++;
        }
        return found;
    }
}
