package dev.playbake.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code --cmd} or {@code --entrypoint} value as a Dockerfile's CMD and ENTRYPOINT read theirs: a JSON array
 * of strings is the exec form, anything else the shell form, run as {@code /bin/sh -c VALUE}.
 */
final class ExecForm {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ExecForm() {
    }

    /** The command's words; {@code flag} names the option in errors. */
    static List<String> parse(String flag, String value) {
        if (value.isBlank()) {
            throw new BadInputException(flag + ": the command is empty");
        }
        if (!value.strip().startsWith("[")) {
            return List.of("/bin/sh", "-c", value);
        }
        // a Dockerfile takes a broken array for the shell form, which then fails when the image runs: refused here
        JsonNode array;
        try {
            array = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new BadInputException(flag + " " + value + ": not a JSON array of strings (the exec form,"
                    + " e.g. '[\"nginx\", \"-g\", \"daemon off;\"]'): the JSON breaks at character "
                    + e.getLocation().getColumnNr());
        }
        List<String> words = new ArrayList<>();
        for (JsonNode word : array) {
            if (!word.isTextual()) {
                throw new BadInputException(flag + " " + value + ": not a JSON array of strings (the exec form): "
                        + word + " is not a string");
            }
            words.add(word.asText());
        }
        if (words.isEmpty()) {
            throw new BadInputException(flag + " " + value + ": an empty command cannot be set; without " + flag
                    + " the image keeps the base image's");
        }
        return words;
    }
}
