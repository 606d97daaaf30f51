package cloud.practice.auth.sms;

import cloud.practice.testing.MovableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Aliyun adapter against a local fake of Dysmsapi's RPC endpoint. The fake checks the request as the provider
 * documents it — signature version 1.0 recomputed here on its own from the received query (its own RFC 3986 encoder,
 * HMAC-SHA1 with secret + "&"), a fresh nonce, a UTC timestamp, the SendSms parameters — and answers like the
 * provider: {@code "Code":"OK"}, a business error ({@code isv.BUSINESS_LIMIT_CONTROL}) or
 * {@code SignatureDoesNotMatch}.
 */
class AliyunSmsSenderTest {

    static final String KEY_ID = "LTAI-test-key";
    static final String SECRET = "test-secret/with+odd=chars";
    static final String SIGN_NAME = "新时代文明实践";
    static final String LIMITED = "13900000000";

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final List<Map<String, String>> accepted = new ArrayList<>();
    final Set<String> nonces = new HashSet<>();
    final ObjectMapper json = new ObjectMapper();
    HttpServer fake;

    @BeforeEach
    void startTheFake() throws IOException {
        fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", this::answer);
        fake.start();
    }

    @AfterEach
    void stopTheFake() {
        fake.stop(0);
    }

    AliyunSmsSender sender(String secret) {
        return sender(secret, "SMS_987654321");
    }

    AliyunSmsSender sender(String secret, String noticeTemplate) {
        return new AliyunSmsSender("http://127.0.0.1:" + fake.getAddress().getPort() + "/", "cn-hangzhou", KEY_ID,
                secret, SIGN_NAME, "SMS_123456789", noticeTemplate, Duration.ofSeconds(5), clock);
    }

    @Test
    void shouldSendASignedSendSmsThatTheProviderAccepts() throws Exception {
        SmsSender.Accepted taken = sender(SECRET).send(new SmsSender.SmsMessage("13812345678", "042917",
                "验证码042917"));
        assertThat(taken).as("the provider's BizId; the delivery is reported later")
                .isEqualTo(new SmsSender.Accepted("900619746936498440^0", false));
        clock.advance(Duration.ofSeconds(1));
        sender(SECRET).send(new SmsSender.SmsMessage("13812345679", "000001", "验证码000001"));
        assertThat(accepted).hasSize(2);
        Map<String, String> first = accepted.get(0);
        assertThat(first).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("PhoneNumbers", "13812345678").containsEntry("SignName", SIGN_NAME)
                .containsEntry("TemplateCode", "SMS_123456789").containsEntry("AccessKeyId", KEY_ID)
                .containsEntry("SignatureMethod", "HMAC-SHA1").containsEntry("SignatureVersion", "1.0")
                .containsEntry("Format", "JSON").containsEntry("RegionId", "cn-hangzhou")
                .containsEntry("Timestamp", "2026-03-01T08:00:00Z");
        JsonNode template = json.readTree(first.get("TemplateParam"));
        assertThat(template.get("code").asText()).isEqualTo("042917");
        assertThat(first.get("TemplateParam")).as("the code template's parameter exactly as before notices")
                .isEqualTo("{\"code\":\"042917\"}");
        assertThat(nonces).as("a fresh nonce per request").hasSize(2);
        assertThat(first).as("nobody asks whether a code arrived").doesNotContainKey("OutId");
    }

    @Test
    void shouldSendANoticeThroughTheNoticeTemplateWithItsTextAsTheVariable() throws Exception {
        String text = "您有一个新的服务订单\"助老\"待接受 \\ 请在30分钟内回复";
        SmsSender.Accepted taken = sender(SECRET).send(SmsSender.SmsMessage.notice("13812345678", "order-offered",
                text, "n7zq4kd2mxa5bwe"));
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0)).containsEntry("TemplateCode", "SMS_987654321")
                .containsEntry("PhoneNumbers", "13812345678").containsEntry("SignName", SIGN_NAME)
                .as("the delivery report names the notice by it").containsEntry("OutId", "n7zq4kd2mxa5bwe");
        assertThat(taken.providerId()).isEqualTo("900619746936498440^0");
        assertThat(taken.delivered()).isFalse();
        JsonNode template = json.readTree(accepted.get(0).get("TemplateParam"));
        assertThat(template.size()).isEqualTo(1);
        assertThat(template.get("text").asText()).as("quotes and backslashes survive as JSON").isEqualTo(text);
    }

    @Test
    void shouldFailANoticeWithoutANoticeTemplateAndStillSendCodes() {
        AliyunSmsSender withoutNotices = sender(SECRET, "");
        assertThatThrownBy(() -> withoutNotices.send(SmsSender.SmsMessage.notice("13812345678", "order-offered",
                "您有一个新的服务订单", "n7zq4kd2mxa5bwe"))).isInstanceOf(SmsSender.SmsFailure.class)
                .hasMessageContaining("notice-template-code");
        assertThat(accepted).as("nothing reached the provider").isEmpty();
        withoutNotices.send(new SmsSender.SmsMessage("13812345678", "042917", "验证码042917"));
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0)).containsEntry("TemplateCode", "SMS_123456789");
    }

    @Test
    void shouldFailClearlyWhenTheProviderRefuses() {
        assertThatThrownBy(() -> sender(SECRET).send(new SmsSender.SmsMessage(LIMITED, "123456", "验证码123456")))
                .isInstanceOf(SmsSender.SmsFailure.class)
                .hasMessageContaining("isv.BUSINESS_LIMIT_CONTROL").hasMessageNotContaining("123456");
        assertThatThrownBy(() -> sender("another-secret").send(new SmsSender.SmsMessage("13812345678", "123456",
                "验证码123456"))).isInstanceOf(SmsSender.SmsFailure.class)
                .hasMessageContaining("SignatureDoesNotMatch").hasMessageContaining("HTTP 400");
        assertThat(accepted).isEmpty();
    }

    // --- the fake provider ---------------------------------------------------------------------------------------

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = new TreeMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        String signature = parameters.remove("Signature");
        StringBuilder canonical = new StringBuilder();
        parameters.forEach((name, value) -> canonical.append(canonical.isEmpty() ? "" : "&")
                .append(rfc3986(name)).append('=').append(rfc3986(value)));
        String expected = hmacSha1(SECRET + "&", exchange.getRequestMethod() + "&" + rfc3986("/") + "&"
                + rfc3986(canonical.toString()));
        if (!expected.equals(signature)) {
            reply(exchange, 400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not "
                    + "matched with our calculation.\",\"RequestId\":\"r-1\"}");
            return;
        }
        if (!parameters.get("Timestamp").matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")
                || !nonces.add(parameters.get("SignatureNonce"))) {
            reply(exchange, 400, "{\"Code\":\"SignatureNonceUsed\",\"RequestId\":\"r-2\"}");
            return;
        }
        if (LIMITED.equals(parameters.get("PhoneNumbers"))) {
            reply(exchange, 200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发分钟级流控Permits:1\","
                    + "\"RequestId\":\"r-3\"}");
            return;
        }
        accepted.add(parameters);
        reply(exchange, 200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\","
                + "\"RequestId\":\"r-4\"}");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** RFC 3986 by hand: A-Z a-z 0-9 - _ . ~ as they are, every other UTF-8 byte as %XY. */
    private static String rfc3986(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String hmacSha1(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
