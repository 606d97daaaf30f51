package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A person's phone in the system tests: the text messages the local issuer wrote to its outbox (the SMS port's local
 * default, which an operator reads the same way), searched for the newest one-time code or notice sent to a number.
 */
final class TextMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

    private TextMessages() {
    }

    /** The six-digit code of the newest message to {@code mobile} sent at or after {@code since} (waits up to 30 s). */
    static String codeFor(String mobile, Instant since) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> newestCode(mobile, since), Optional::isPresent).orElseThrow();
    }

    /** The text of the newest notice of that kind sent to {@code mobile} (waits up to 30 s). */
    static String noticeTo(String mobile, String kind) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> newest(mobile, message -> message.path("kind").asText().equals(kind)
                        ? Optional.of(message.path("text").asText()) : Optional.empty()), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<String> newestCode(String mobile, Instant since) throws Exception {
        // The issuer's clock and ours are the same machine's; a second of slack for rounding.
        return newest(mobile, message -> {
            if (Instant.parse(message.path("at").asText()).isBefore(since.minusSeconds(1))) {
                return Optional.empty();
            }
            Matcher code = CODE.matcher(message.path("text").asText());
            return code.find() ? Optional.of(code.group(1)) : Optional.empty();
        });
    }

    /** What {@code read} finds in the newest message to {@code mobile} that it finds anything in. */
    private static Optional<String> newest(String mobile, Function<JsonNode, Optional<String>> read)
            throws Exception {
        if (!Files.exists(RunningPlatform.smsOutbox())) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(RunningPlatform.smsOutbox(), StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode message = JSON.readTree(lines.get(i));
            if (message.path("mobile").asText().endsWith(mobile)) {
                Optional<String> found = read.apply(message);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
