package cloud.practice.auth.sms;

import cloud.practice.testing.MovableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox: one JSON line per message, the text as the person reads it; a notice names its kind. */
class OutboxSmsSenderTest {

    final ObjectMapper json = new ObjectMapper();
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));

    @Test
    void shouldWriteCodesAsBeforeAndNoticesWithTheirKind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("outbox/sms.jsonl");
        OutboxSmsSender outbox = new OutboxSmsSender(file, clock);
        outbox.send(new SmsSender.SmsMessage("13812345678", "042917", "【新时代文明实践】您的验证码是042917"));
        SmsSender.Accepted accepted = outbox.send(SmsSender.SmsMessage.notice("13812345679", "order-offered",
                "您有一个新的服务订单\"助老\"", "nabcdefghijklmn"));
        assertThat(accepted.delivered()).as("locally the file is the handset: no report follows").isTrue();
        assertThat(accepted.providerId()).isNull();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode code = json.readTree(lines.get(0));
        assertThat(code.fieldNames()).toIterable().containsExactly("at", "mobile", "text");
        assertThat(code.get("text").asText()).isEqualTo("【新时代文明实践】您的验证码是042917");
        JsonNode notice = json.readTree(lines.get(1));
        assertThat(notice.get("at").asText()).isEqualTo("2026-03-01T08:00:00Z");
        assertThat(notice.get("mobile").asText()).isEqualTo("13812345679");
        assertThat(notice.get("text").asText()).isEqualTo("您有一个新的服务订单\"助老\"");
        assertThat(notice.get("kind").asText()).isEqualTo("order-offered");
    }

    @Test
    void shouldFailAsASmsFailureWhenTheFileCannotBeWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sms.jsonl");
        Files.createDirectories(file);
        assertThatThrownBy(() -> new OutboxSmsSender(file, clock).send(SmsSender.SmsMessage.notice("13812345678",
                "order-offered", "您有一个新的服务订单", "nabcdefghijklmn"))).isInstanceOf(SmsSender.SmsFailure.class)
                .hasMessageNotContaining("13812345678");
    }
}
