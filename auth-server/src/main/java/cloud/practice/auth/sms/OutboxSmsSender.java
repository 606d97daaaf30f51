package cloud.practice.auth.sms;

import cloud.practice.support.privacy.Masking;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local default: each message becomes one JSON line {@code {"at","mobile","text"}} appended to a file the
 * operator (and the tests) read; a notice's line names its {@code kind} too. The log says a message was written, to
 * a masked number, never its code or text.
 *
 * <p><b>The file is the handset</b>: locally a message arrives where it is written, so a written message is
 * {@linkplain Accepted#deliveredAtOnce() delivered at once} — a notice's record says {@code delivered} right away,
 * through the same recording path as a provider's delivery report, and no report follows.
 */
public final class OutboxSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSmsSender.class);

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public OutboxSmsSender(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    @Override
    public synchronized Accepted send(SmsMessage message) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("at", clock.instant().toString());
        line.put("mobile", message.mobile());
        line.put("text", message.text());
        if (message.kind() != null) {
            line.put("kind", message.kind());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, json.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new SmsFailure("the SMS outbox " + file + " cannot be written: " + e.getMessage(), e);
        }
        log.info("SMS ({}) to {} written to the outbox {}", message.template(), Masking.phone(message.mobile()), file);
        return Accepted.deliveredAtOnce();
    }
}
