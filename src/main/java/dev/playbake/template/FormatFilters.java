package dev.playbake.template;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.hubspot.jinjava.lib.filter.Filter;
import dev.playbake.python.PyNone;
import dev.playbake.python.PyStrings;
import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.DigestUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static dev.playbake.template.FilterValues.arg;
import static dev.playbake.template.FilterValues.bool;
import static dev.playbake.template.FilterValues.intArg;
import static dev.playbake.template.FilterValues.str;

/** Filters that serialise, encode and hash: JSON, YAML, base64, digests, password_hash, bool/string, to_uuid. */
final class FormatFilters {

    private FormatFilters() {
    }

    /** The filters of this group, for the template environment. */
    static List<Filter> filters() {
        return List.of(
                new SimpleFilter("to_json", (v, a, k) -> json(v, false, 4, bool(k.getOrDefault("sort_keys", false)))),
                new SimpleFilter("to_nice_json", (v, a, k) -> json(v, true, intArg(k.getOrDefault("indent", 4), 4), true)),
                new SimpleFilter("from_json", (v, a, k) -> fromJson(String.valueOf(v))),
                new SimpleFilter("from_yaml", (v, a, k) -> fromYaml(String.valueOf(v))),
                new SimpleFilter("from_yaml_all", (v, a, k) -> fromYamlAll(String.valueOf(v))),
                new SimpleFilter("bool", (v, a, k) -> bool(v)),
                new SimpleFilter("string", (v, a, k) -> PyStrings.str(v)),
                new SimpleFilter("b64encode", (v, a, k) -> Base64.getEncoder().encodeToString(str(v).getBytes(StandardCharsets.UTF_8))),
                new SimpleFilter("b64decode", (v, a, k) -> new String(Base64.getMimeDecoder().decode(str(v)), StandardCharsets.UTF_8)),
                new SimpleFilter("hash", (v, a, k) -> hash(str(v), str(arg(a, 0, "sha1")))),
                new SimpleFilter("checksum", (v, a, k) -> DigestUtils.sha1Hex(str(v))),
                new SimpleFilter("md5", (v, a, k) -> DigestUtils.md5Hex(str(v))),
                new SimpleFilter("sha1", (v, a, k) -> DigestUtils.sha1Hex(str(v))),
                new SimpleFilter("password_hash", (v, a, k) -> passwordHash(str(v), str(arg(a, 0, "sha512")),
                        a.length > 1 ? str(a[1]) : (String) k.get("salt"), a.length > 3 ? a[3] : k.get("rounds"))),
                new SimpleFilter("to_uuid", (v, a, k) -> uuid5(UUID.fromString(str(a.length > 0 ? a[0]
                        : k.getOrDefault("namespace", ANSIBLE_NAMESPACE))), str(v)).toString()));
    }


    private static final ObjectMapper JSON = new ObjectMapper();

    static String json(Object value, boolean pretty) {
        return json(value, pretty, 4, pretty);
    }

    private static String json(Object value, boolean pretty, int indent, boolean sortKeys) {
        try {
            ObjectMapper mapper = sortKeys ? JSON.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    : JSON;
            if (pretty) {
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter(" ".repeat(indent), "\n"))
                        .withArrayIndenter(new DefaultIndenter(" ".repeat(indent), "\n"));
                return mapper.writer(printer).writeValueAsString(jsonable(value)).replace(" : ", ": ");
            }
            return mapper.writer(new PythonSeparators()).writeValueAsString(jsonable(value));
        } catch (JsonProcessingException e) {
            throw new TemplateException("to_json: " + e.getOriginalMessage());
        }
    }

    /** json.dumps' default separators, {@code ", "} and {@code ": "}, written between tokens (never inside a string). */
    private static final class PythonSeparators extends MinimalPrettyPrinter {
        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }
    }

    private static Object jsonable(Object value) {
        return value == PyNone.NONE ? null : value;
    }

    private static Object fromJson(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new TemplateException("from_json: not JSON: " + e.getOriginalMessage());
        }
    }

    private static Object fromYaml(String text) {
        return Templar.toJava(new Yaml(new LoaderOptions()).load(text));
    }

    private static Object fromYamlAll(String text) {
        List<Object> documents = new ArrayList<>();
        new Yaml(new LoaderOptions()).loadAll(text).forEach(d -> documents.add(Templar.toJava(d)));
        return documents;
    }

    private static String hash(String value, String algorithm) {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "md5" -> DigestUtils.md5Hex(value);
            case "sha1" -> DigestUtils.sha1Hex(value);
            case "sha224" -> new DigestUtils("SHA-224").digestAsHex(value);
            case "sha256" -> DigestUtils.sha256Hex(value);
            case "sha384" -> DigestUtils.sha384Hex(value);
            case "sha512" -> DigestUtils.sha512Hex(value);
            default -> throw new TemplateException("hash: unsupported algorithm '" + algorithm + "'");
        };
    }

    /** Ansible's own UUID namespace, to_uuid's default. */
    private static final String ANSIBLE_NAMESPACE = "361E6D51-FAEC-444A-9079-341386DA8E2E";

    /** Python's uuid.uuid5: SHA-1 of the namespace's bytes and the name, version 5, RFC 4122 variant. */
    private static UUID uuid5(UUID namespace, String name) {
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        byte[] hash = DigestUtils.sha1(java.nio.ByteBuffer.allocate(16 + text.length)
                .putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits())
                .put(text).array());
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer bits = java.nio.ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }

    private static String passwordHash(String password, String scheme, String salt, Object givenRounds) {
        String prefix = switch (scheme) {
            case "sha512", "sha512_crypt" -> "$6$";
            case "sha256", "sha256_crypt" -> "$5$";
            case "md5", "md5_crypt" -> "$1$";
            default -> throw new TemplateException("password_hash: unsupported scheme '" + scheme
                    + "' (sha512, sha256 and md5 are)");
        };
        String actualSalt = salt == null ? randomSalt() : salt;
        // ansible-core 2.14 names the rounds it uses in the hash (the schemes' defaults, as passlib's);
        // passlib leaves out crypt's own default, 5000, as crypt(3) does
        int defaultRounds = prefix.equals("$6$") ? 656000 : 535000;
        int rounds = givenRounds instanceof Number n ? n.intValue() : defaultRounds;
        String roundsField = prefix.equals("$1$") || rounds == 5000 ? "" : "rounds=" + rounds + "$";
        return Crypt.crypt(password, prefix + roundsField + actualSalt);
    }

    private static String randomSalt() {
        String alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        SecureRandom random = new SecureRandom();
        StringBuilder salt = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            salt.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return salt.toString();
    }
}
