package cloud.practice.notification.channel.wechat;

import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.delivery.ChannelSender;
import cloud.practice.notification.delivery.DeliveryFailure;
import cloud.practice.notification.delivery.Outgoing;
import cloud.practice.notification.notice.NoticeKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WeChat subscription messages (订阅消息) of the mini-program: {@code POST /cgi-bin/message/subscribe/send} with the
 * template of the notice's district and kind, its keys filled from the notice within WeChat's limits, to the openid the
 * person bound ({@link Outgoing#address()}).
 * <p>
 * One attempt per call, as the port asks; within it the access token is fetched again once if WeChat calls it invalid
 * or expired (40001, 42001, 40014). WeChat's refusals of this message — the person has not subscribed or withdrew
 * consent (43101), data outside the template's rules (47003), an unknown openid (40003), template id (40037) or page
 * (41030) — and a notice without a template or an openid fail permanently; the platform busy (-1), quotas (45009,
 * 45011), HTTP errors, timeouts and refused connections may pass and are retried by the delivery worker. Neither the
 * openid in full nor any text of the message is logged.
 */
public final class WeChatSubscriptionSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(WeChatSubscriptionSender.class);
    private static final String SEND = "/cgi-bin/message/subscribe/send";
    private static final Set<Integer> TOKEN_REFUSED = Set.of(40001, 42001, 40014);

    private final WeChatSettings settings;
    private final WeChatApi api;
    private final AccessTokens tokens;
    private final Map<String, Map<NoticeKind, TemplateMapping>> templates = new HashMap<>();

    public WeChatSubscriptionSender(WeChatSettings settings, Clock clock) {
        this.settings = settings;
        this.api = new WeChatApi(settings, new ObjectMapper());
        this.tokens = new AccessTokens(api, settings.appId(), settings.appSecret(), clock);
        settings.templates().forEach((district, kinds) -> kinds.forEach((kindId, template) ->
                NoticeKind.parse(kindId).ifPresent(kind -> templates
                        .computeIfAbsent(district, any -> new EnumMap<>(NoticeKind.class))
                        .put(kind, TemplateMapping.compile("practice.notification.wechat.templates." + district + "."
                                + kindId, template)))));
    }

    @Override
    public Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    public boolean carries(String districtId, NoticeKind kind) {
        return templates.getOrDefault(districtId, Map.of()).containsKey(kind);
    }

    @Override
    public String send(Outgoing message) {
        String where = message.districtId() + "/" + message.kind().id();
        if (message.address() == null || message.address().isBlank()) {
            throw DeliveryFailure.permanent("WeChat: the account has no mini-program identity bound (no openid)");
        }
        TemplateMapping template = templates.getOrDefault(message.districtId(), Map.of()).get(message.kind());
        if (template == null) {
            throw DeliveryFailure.permanent("WeChat: no subscription template is set for " + where
                    + " (practice.notification.wechat.templates." + message.districtId() + "." + message.kind().id()
                    + ")");
        }
        ObjectNode request = request(message, template);
        String token = token();
        WeChatApi.Answer answer = post(token, request);
        if (TOKEN_REFUSED.contains(answer.errcode())) {
            log.info("WeChat refused the access token (errcode {}); fetching another", answer.errcode());
            answer = post(renewed(token), request);
        }
        return outcome(message, template, where, answer);
    }

    private ObjectNode request(Outgoing message, TemplateMapping template) {
        ObjectNode request = api.object().put("touser", message.address()).put("template_id", template.templateId());
        page(message.link()).ifPresent(page -> request.put("page", page));
        ObjectNode data = request.putObject("data");
        template.values(message, settings.zone(message.districtId()))
                .forEach((key, value) -> data.putObject(key).put("value", value));
        return request.put("miniprogram_state", settings.miniprogramState()).put("lang", "zh_CN");
    }

    /** The mini-program page that shows the link of the people's ends, if the settings name one. */
    private Optional<String> page(String link) {
        if (link == null || link.isBlank() || settings.pagePrefix().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(settings.pagePrefix() + WeChatApi.encode(link));
    }

    private String outcome(Outgoing message, TemplateMapping template, String where, WeChatApi.Answer answer) {
        int errcode = answer.errcode();
        String refusal = "WeChat template " + template.templateId() + " (" + where + ")";
        switch (errcode) {
            case 0 -> {
                JsonNode msgid = answer.body().path("msgid");
                log.debug("WeChat message {} to {} accepted (msgid {})", message.reference(),
                        masked(message.address()), msgid.asText(""));
                return msgid.isMissingNode() || msgid.isNull() ? null : msgid.asText();
            }
            case 43101 -> throw DeliveryFailure.permanent(refusal + ": the person has not subscribed to it or "
                    + "withdrew consent (43101)");
            case 40003 -> throw DeliveryFailure.permanent(refusal + ": WeChat does not know the bound openid (40003); "
                    + "the person binds the mini-program again");
            case 47003 -> throw permanentForOperators(refusal + ": WeChat refused the data (47003: " + answer.errmsg()
                    + "); check the template's fields");
            case 40037 -> throw permanentForOperators(refusal + ": WeChat does not know the template id (40037); "
                    + "check practice.notification.wechat.templates");
            case 41030 -> throw permanentForOperators(refusal + ": WeChat does not know the page (41030); check "
                    + "practice.notification.wechat.page-prefix and the mini-program's release");
            case 40001, 42001, 40014 -> throw DeliveryFailure.retryable("WeChat refused a freshly fetched access "
                    + "token too (" + errcode + ": " + answer.errmsg() + ")");
            case -1 -> throw DeliveryFailure.retryable("WeChat is busy (-1: " + answer.errmsg() + ")");
            case 45009, 45011 -> throw DeliveryFailure.retryable("WeChat's call quota is used up (" + errcode + ": "
                    + answer.errmsg() + ")");
            default -> throw DeliveryFailure.retryable(refusal + ": WeChat did not take the message (errcode "
                    + errcode + ": " + answer.errmsg() + ")");
        }
    }

    /** The settings, not the person, are wrong: said once in the log, besides the delivery's own record. */
    private static DeliveryFailure permanentForOperators(String reason) {
        log.warn(reason);
        return DeliveryFailure.permanent(reason);
    }

    private String token() {
        try {
            return tokens.current();
        } catch (WeChatUnavailable e) {
            throw DeliveryFailure.retryable(e.getMessage(), e);
        }
    }

    private String renewed(String refused) {
        try {
            return tokens.renew(refused);
        } catch (WeChatUnavailable e) {
            throw DeliveryFailure.retryable(e.getMessage(), e);
        }
    }

    private WeChatApi.Answer post(String token, ObjectNode request) {
        try {
            return api.post(SEND, Map.of("access_token", token), request);
        } catch (WeChatUnavailable e) {
            throw DeliveryFailure.retryable(e.getMessage(), e);
        }
    }

    /** {@code oXb1****9Q}: enough to tell two people's messages apart in a log, not to address anyone. */
    public static String masked(String openid) {
        if (openid.length() <= 8) {
            return "*".repeat(openid.length());
        }
        return openid.substring(0, 4) + "****" + openid.substring(openid.length() - 2);
    }
}
