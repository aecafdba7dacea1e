package dev.playbake.modules.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.playbake.connection.FileEntry;
import dev.playbake.modules.Args;
import dev.playbake.modules.ArgumentSpec;
import dev.playbake.modules.Module;
import dev.playbake.modules.ModuleContext;
import dev.playbake.modules.ModuleException;
import dev.playbake.modules.ModuleResult;
import dev.playbake.modules.support.HttpFetch;
import dev.playbake.modules.support.RemoteFile;
import dev.playbake.python.Json;
import dev.playbake.python.Sh;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.playbake.modules.Argument.bool;
import static dev.playbake.modules.Argument.dict;
import static dev.playbake.modules.Argument.path;
import static dev.playbake.modules.Argument.str;

/**
 * {@code uri}: one HTTP request made by the engine (like get_url's), with Ansible's result: the
 * status, every response header as a lower-case key, {@code json} when the answer is JSON,
 * {@code content} with {@code return_content}, and a failure when the status is not expected.
 */
public final class UriModule implements Module {

    private static final ArgumentSpec ARGUMENTS = ArgumentSpec.of(
            str("url").required(), path("dest"), str("url_username").aliases("user"),
            str("url_password").aliases("password"), str("body"), str("body_format"), path("src"), str("method"),
            bool("return_content"), str("follow_redirects"), path("creates"), path("removes"), str("status_code"),
            str("timeout"), dict("headers"), str("unix_socket"), str("remote_src"), str("ca_path"),
            str("unredirected_headers"), str("decompress"), str("ciphers"), str("use_netrc"), str("force"),
            str("http_agent"), str("use_proxy"), str("validate_certs"), str("force_basic_auth"), str("client_cert"),
            str("client_key"), str("use_gssapi"), str("mode"), str("owner"), str("group"), str("seuser"),
            str("serole"), str("setype"), str("selevel"), str("unsafe_writes"), str("attributes"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "uri";
    }

    @Override
    public ArgumentSpec argumentSpec() {
        return ARGUMENTS;
    }

    @Override
    public ModuleResult run(ModuleContext context) {
        Args args = context.arguments();
        String url = args.required("url");
        String method = args.string("method", "GET").toUpperCase(Locale.ROOT);
        if (!args.string("method", "GET").matches("[A-Z]+")) {
            return ModuleResult.failed("Parameter 'method' needs to be a single word in uppercase, like GET or POST.");
        }
        if (args.has("src") || args.has("unix_socket")) {
            throw new ModuleException("uri: src and unix_socket are not supported by playbake; use body");
        }
        String format = args.string("body_format", "raw").toLowerCase(Locale.ROOT);
        Map<String, String> extraHeaders = new LinkedHashMap<>();
        byte[] body = body(args, format, extraHeaders);
        for (String path : List.of("creates", "removes")) {
            if (args.has(path)) {
                boolean exists = RemoteFile.read(context, args.string(path, ""), false).exists();
                if (path.equals("creates") == exists) {
                    return ModuleResult.ok(Map.of("stdout", path.equals("creates")
                            ? "skipped, since '" + args.string(path, "") + "' exists"
                            : "skipped, since '" + args.string(path, "") + "' does not exist"));
                }
            }
        }
        HttpFetch.Call call = HttpFetch.Call.of(args, url, method, body, 30);
        boolean hasContentType = call.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"));
        if (!hasContentType) {
            call.headers().putAll(extraHeaders);
        }
        String dest = args.string("dest", "");
        RemoteFile destination = dest.isEmpty() ? null : RemoteFile.read(context, dest, false);
        if (destination != null && destination.isFile()) {
            String seconds = context.sh("stat -c %Y " + Sh.quote(dest)).stdout().strip();
            if (seconds.matches("\\d+")) {
                call = call.withIfModifiedSince(Instant.ofEpochSecond(Long.parseLong(seconds)));
            }
        }
        HttpFetch.Answer answer = HttpFetch.send("uri", call, context.egress());
        List<Integer> expected = statusCodes(args.raw("status_code"));

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("redirected", !answer.url().equals(url));
        values.put("url", answer.url());
        values.put("status", answer.status());
        values.put("msg", answer.msg());
        answer.headers().forEach((name, value) -> values.put(name.replace('-', '_'), value));
        values.put("elapsed", 0);
        String contentType = answer.header("content-type").orElse("application/octet-stream");
        String mime = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String subtype = mime.contains("/") ? mime.substring(mime.indexOf('/') + 1) : "";
        subtype = subtype.contains("+") ? subtype.substring(subtype.indexOf('+') + 1) : subtype;
        boolean maybeJson = List.of("json", "javascript").contains(subtype);
        values.put("content_type", contentType);
        if (maybeJson) {
            try {
                values.put("json", JSON.readValue(answer.body(), Object.class));
            } catch (java.io.IOException notJson) {
                // Ansible leaves json out when the body does not parse
            }
        }
        boolean changed = false;
        if (!dest.isEmpty() && answer.status() >= 0 && expected.contains(answer.status()) && answer.status() != 304) {
            String target = destination.isDirectory() ? dest.replaceAll("/+$", "") + "/" + GetUrlModule.filename(answer) : dest;
            if (!context.checkMode()) {
                RemoteFile existing = RemoteFile.read(context, target, false);
                int mode = existing.isFile() ? Integer.parseInt(existing.mode(), 8) : 0644;
                context.connection().put(List.of(new FileEntry(target, answer.body(), mode)));
            }
            changed = true;
            RemoteFile.applyAttributes(context, args, target);
            values.put("path", target);
        } else if (!dest.isEmpty()) {
            values.put("path", dest);
        }
        values.put("changed", changed);
        if (!expected.contains(answer.status())) {
            values.put("msg", "Status code was " + answer.status() + " and not " + expected + ": " + answer.msg());
            if (args.bool("return_content", false)) {
                values.put("content", answer.text());
            }
            values.put("failed", true);
            return new ModuleResult(values);
        }
        if (args.bool("return_content", false)) {
            values.put("content", answer.text());
        }
        return new ModuleResult(values);
    }

    /** The request body in the chosen format; json and form-urlencoded also set a Content-Type unless one is given. */
    private static byte[] body(Args args, String format, Map<String, String> headers) {
        if (!args.has("body")) {
            return new byte[0];
        }
        Object body = args.raw("body");
        String text;
        switch (format) {
            case "json" -> {
                text = body instanceof String s ? s : Json.write(body);
                headers.put("Content-Type", "application/json");
            }
            case "form-urlencoded" -> {
                text = body instanceof Map<?, ?> map ? formEncoded(map) : String.valueOf(body);
                headers.put("Content-Type", "application/x-www-form-urlencoded");
            }
            case "raw" -> text = body instanceof String s ? s : Json.write(body);
            default -> throw new ModuleException("body_format " + format + " is not supported by playbake (json, form-urlencoded, raw)");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Python's urlencode(doseq=True): list values repeat the key; spaces become '+'. */
    private static String formEncoded(Map<?, ?> map) {
        List<String> pairs = new ArrayList<>();
        map.forEach((key, value) -> {
            List<?> items = value instanceof List<?> list ? list : List.of(String.valueOf(value));
            for (Object item : items) {
                if (item != null) {
                    pairs.add(encode(String.valueOf(key)) + "=" + encode(pythonText(item)));
                }
            }
        });
        return String.join("&", pairs);
    }

    private static String pythonText(Object value) {
        return value instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(value);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%7E", "~");
    }

    private static List<Integer> statusCodes(Object value) {
        if (value == null) {
            return List.of(200);
        }
        List<?> items = value instanceof List<?> list ? list : List.of(String.valueOf(value).split(","));
        List<Integer> codes = new ArrayList<>();
        for (Object item : items) {
            try {
                codes.add(Integer.parseInt(String.valueOf(item).strip()));
            } catch (NumberFormatException e) {
                throw new ModuleException("status_code: " + item + " is not an integer");
            }
        }
        return codes;
    }
}
