package cloud.practice.notification.channel.wechat.web;

import cloud.practice.notification.channel.wechat.WeChatPushSignature;
import cloud.practice.notification.channel.wechat.WeChatSettings;
import cloud.practice.notification.channel.wechat.WeChatSubscriptionSender;
import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.delivery.Receipts;
import cloud.practice.notification.notice.NoticeStore.Receipted;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.BoundedBodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WeChat's message push (消息推送) of the mini-program, for the receipts of subscription messages (ADR 0023,
 * "Receipts"). WeChat calls it without a token of ours, so the path is open at the gateway and in the service's
 * security; the signature made with the push token ({@link WeChatPushSignature}) is the only door: without it, or
 * more than five minutes old, 401 and nothing is read. No token configured: 404.
 * <ul>
 *   <li>{@code GET} is WeChat's check of the URL when it is set in the console: {@code echostr} back as text.</li>
 *   <li>{@code POST} carries an event as JSON (the console's data format must be JSON, its mode 明文, plain text).
 *       {@code subscribe_msg_sent_event} tells, per message ({@code List}: one object, or an array of them), whether
 *       it reached the person: {@code ErrorStatus} {@code success}, or {@code fail:…} with the reason
 *       (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message.html). Each is
 *       matched by its {@code MsgID} to the delivery sent with it. Every other event is acknowledged and ignored.
 *       The answer is {@code success} as text, which WeChat takes as received (anything else within five seconds,
 *       or nothing, and it pushes again, up to three times).</li>
 * </ul>
 * Encrypted pushes (安全模式, and 兼容模式's {@code encrypt_type=aes}) are refused with 400: see the README. The openid in
 * {@code FromUserName} is a person's address on WeChat and is never logged in full.
 */
@RestController
@Hidden
@RequestMapping(WeChatReceiptsController.PATH)
public class WeChatReceiptsController {

    /** The URL to set in the mini-program's console, below the gateway's address. */
    public static final String PATH = "/api/v1/notices/receipts/wechat";
    /** Bodies beyond this are not WeChat's events (a push is well under a kilobyte). */
    static final int MAX_BODY = 64 * 1024;
    /** WeChat's echostr is a number or short random string; an echo is not a way to make us say anything long. */
    private static final int LONGEST_ECHO = 128;
    private static final String SENT_EVENT = "subscribe_msg_sent_event";
    private static final Logger log = LoggerFactory.getLogger(WeChatReceiptsController.class);

    private final WeChatSettings settings;
    private final Receipts receipts;
    private final ObjectMapper json;
    private final Clock clock;

    public WeChatReceiptsController(WeChatSettings settings, Receipts receipts, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.receipts = receipts;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping
    public ResponseEntity<String> check(@RequestParam(required = false) String signature,
                                        @RequestParam(required = false) String timestamp,
                                        @RequestParam(required = false) String nonce,
                                        @RequestParam(required = false) String echostr) {
        verify(signature, timestamp, nonce);
        if (echostr == null || echostr.isEmpty() || echostr.length() > LONGEST_ECHO
                || echostr.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ApiException.badRequest("echostr", "echostr must be 1 to " + LONGEST_ECHO
                    + " printable ASCII characters");
        }
        log.info("WeChat checked the message push URL");
        return text(echostr);
    }

    @PostMapping
    public ResponseEntity<String> push(@RequestParam(required = false) String signature,
                                       @RequestParam(required = false) String timestamp,
                                       @RequestParam(required = false) String nonce,
                                       @RequestParam(name = "encrypt_type", required = false) String encryptType,
                                       HttpServletRequest request) throws IOException {
        verify(signature, timestamp, nonce);
        if (encryptType != null && !encryptType.equalsIgnoreCase("raw")) {
            throw encrypted();
        }
        JsonNode event = event(request);
        String type = event.path("Event").asText("");
        if (!"event".equals(event.path("MsgType").asText("")) || !SENT_EVENT.equals(type)) {
            log.debug("WeChat pushed {} {}; not a receipt, acknowledged and ignored",
                    event.path("MsgType").asText("?"), type);
            return text("success");
        }
        String person = WeChatSubscriptionSender.masked(event.path("FromUserName").asText(""));
        Instant at = createdAt(event.path("CreateTime"));
        boolean busy = false;
        for (JsonNode message : messages(event.path("List"))) {
            String msgid = message.path("MsgID").asText("");
            String status = message.path("ErrorStatus").asText("");
            boolean delivered = status.equals("success");
            if (msgid.isBlank() || (!delivered && !status.startsWith("fail"))) {
                log.warn("WeChat pushed a message receipt for {} this service cannot read (MsgID '{}', ErrorStatus "
                        + "'{}'); ignored", person, msgid, status);
                continue;
            }
            Receipted outcome = receipts.byMessageId(Channel.WECHAT, msgid,
                    new Receipts.Receipt(delivered, status, at));
            log.debug("WeChat receipt for message {} to {}: {} ({})", msgid, person, status, outcome);
            busy |= outcome == Receipted.BUSY;
        }
        if (busy) {
            // Not "success": WeChat pushes it again, by when the worker holding the notice has let it go.
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "busy", "A worker holds the notice of a receipt; "
                    + "push it again in a moment");
        }
        return text("success");
    }

    private void verify(String signature, String timestamp, String nonce) {
        String token = settings.pushToken();
        if (token == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "WeChat's message push is not taken here (no "
                    + "practice.notification.wechat.push-token is set)");
        }
        if (!new WeChatPushSignature(token).verifies(signature, timestamp, nonce, clock.instant())) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not signed with this service's push "
                    + "token, or signed more than " + WeChatPushSignature.MAX_SKEW.toMinutes() + " minutes from now");
        }
    }

    private JsonNode event(HttpServletRequest request) throws IOException {
        byte[] body = BoundedBodies.read(request, MAX_BODY, "A push");
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException notJson) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            throw ApiException.badRequest("body", "A push must be a JSON object (set the message push's data format "
                    + "to JSON)");
        }
        if (event.has("Encrypt") && !event.has("MsgType")) {
            throw encrypted();
        }
        return event;
    }

    /** {@code List}: one object for one message, an array for several (WeChat sends both). */
    private static List<JsonNode> messages(JsonNode list) {
        List<JsonNode> messages = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(messages::add);
        } else if (list.isObject()) {
            messages.add(list);
        }
        return messages;
    }

    /** {@code CreateTime}: seconds, as text or as a number (WeChat sends both); ours when it is neither. */
    private Instant createdAt(JsonNode createTime) {
        String seconds = createTime.asText("");
        return seconds.matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(seconds)) : clock.instant();
    }

    private static ApiException encrypted() {
        log.warn("WeChat pushed an encrypted event (安全模式); only 明文 (plain text) pushes are taken — set the mini-"
                + "program's message push to 明文模式");
        return new ApiException(HttpStatus.BAD_REQUEST, "encrypted-push", "Encrypted pushes (安全模式) are not taken "
                + "here; set the message push to 明文模式 (plain text)", Map.of("field", "encrypt_type"));
    }

    private static ResponseEntity<String> text(String body) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8)).body(body);
    }
}
