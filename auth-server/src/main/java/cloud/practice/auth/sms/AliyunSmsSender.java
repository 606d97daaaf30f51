package cloud.practice.auth.sms;

import cloud.practice.support.privacy.Masking;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Alibaba Cloud SMS (Dysmsapi 2017-05-25, action {@code SendSms}) over its RPC API: a GET whose query carries the
 * common parameters and the operation's, signed with signature version 1.0 — the parameters sorted by name, each name
 * and value percent-encoded per RFC 3986 (space {@code %20}, {@code *} {@code %2A}, {@code ~} kept), joined with
 * {@code &}; the string to sign {@code GET&%2F&<encoded query>}; the signature
 * {@code Base64(HMAC-SHA1(AccessKeySecret + "&", stringToSign))} added as {@code Signature}. A code goes through
 * the approved code template with a {@code ${code}} variable; a notice through the notice template with a
 * {@code ${text}} variable (its own template code: without one, notices fail and codes still go). Any answer but
 * HTTP 200 with {@code "Code":"OK"} is a failure.
 *
 * <p>A notice carries its {@code outId} as SendSms's {@code OutId} (外部流水扩展字段), which Alibaba's delivery report
 * (SmsReport) hands back as {@code out_id}; the answer's {@code BizId} (发送回执ID) is returned as the provider's id.
 * Codes go without an OutId: nobody asks whether a code arrived.
 */
public final class AliyunSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(AliyunSmsSender.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final String regionId;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final String signName;
    private final String templateCode;
    private final String noticeTemplateCode;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** @param noticeTemplateCode the notice template; blank = no notices by SMS (each fails, codes are unaffected) */
    public AliyunSmsSender(String endpoint, String regionId, String accessKeyId, String accessKeySecret,
                           String signName, String templateCode, String noticeTemplateCode, Duration timeout,
                           Clock clock) {
        if (blank(accessKeyId) || blank(accessKeySecret) || blank(signName) || blank(templateCode)) {
            throw new IllegalStateException("practice.auth.sms: provider aliyun needs access-key-id, "
                    + "access-key-secret, sign-name and template-code");
        }
        this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        this.regionId = regionId;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.signName = signName;
        this.templateCode = templateCode;
        this.noticeTemplateCode = blank(noticeTemplateCode) ? null : noticeTemplateCode;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        if (this.noticeTemplateCode == null) {
            log.warn("practice.auth.sms.notice-template-code is not set: notices by SMS will fail (codes still go)");
        }
    }

    @Override
    public Accepted send(SmsMessage message) {
        if (message.template() == SmsSender.Template.NOTICE && noticeTemplateCode == null) {
            throw new SmsFailure("no notice template configured (practice.auth.sms.notice-template-code)");
        }
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("AccessKeyId", accessKeyId);
        parameters.put("Action", "SendSms");
        parameters.put("Format", "JSON");
        parameters.put("PhoneNumbers", message.mobile());
        parameters.put("RegionId", regionId);
        parameters.put("SignName", signName);
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureNonce", UUID.randomUUID().toString());
        parameters.put("SignatureVersion", "1.0");
        if (message.template() == SmsSender.Template.NOTICE) {
            parameters.put("TemplateCode", noticeTemplateCode);
            parameters.put("TemplateParam", templateParam("text", message.text()));
            parameters.put("OutId", message.outId());
        } else {
            parameters.put("TemplateCode", templateCode);
            parameters.put("TemplateParam", "{\"code\":\"" + message.code() + "\"}");
        }
        parameters.put("Timestamp", TIMESTAMP.format(clock.instant()));
        parameters.put("Version", "2017-05-25");
        String query = canonicalQuery(parameters);
        String signature = sign("GET", query, accessKeySecret);
        URI uri = URI.create(endpoint + "?Signature=" + percentEncode(signature) + "&" + query);
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SmsFailure("Aliyun SMS unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsFailure("interrupted while sending an SMS", e);
        }
        JsonNode body = parse(answer.body());
        String code = body.path("Code").asText("");
        if (answer.statusCode() != 200 || !"OK".equals(code)) {
            throw new SmsFailure("Aliyun SMS refused the message (HTTP " + answer.statusCode() + ", Code " + code
                    + ", Message " + body.path("Message").asText("") + ", RequestId "
                    + body.path("RequestId").asText("") + ")");
        }
        String bizId = body.path("BizId").asText("");
        log.info("SMS ({}) to {} accepted by Aliyun (BizId {})", message.template(), Masking.phone(message.mobile()),
                bizId);
        return Accepted.byProvider(bizId);
    }

    /** The template's variables as JSON; a notice's text may hold quotes and backslashes. */
    private String templateParam(String name, String value) {
        try {
            return json.writeValueAsString(Map.of(name, value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** The sorted parameters, names and values percent-encoded, joined with {@code &}. */
    static String canonicalQuery(Map<String, String> parameters) {
        return new TreeMap<>(parameters).entrySet().stream()
                .map(entry -> percentEncode(entry.getKey()) + "=" + percentEncode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Signature version 1.0: Base64(HMAC-SHA1(secret + "&", method + "&%2F&" + percentEncode(query))). */
    static String sign(String method, String canonicalQuery, String secret) {
        String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986: unreserved characters kept, everything else %XY of its UTF-8 bytes. */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
