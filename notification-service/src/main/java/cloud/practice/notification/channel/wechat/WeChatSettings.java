package cloud.practice.notification.channel.wechat;

import cloud.practice.notification.notice.NoticeKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * WeChat subscription messages (订阅消息) of the mini-program ({@code practice.notification.wechat.*}, ADR 0023).
 *
 * @param enabled          whether the channel exists at all; off, WeChat deliveries have no sender
 * @param baseUrl          WeChat's API ({@code https://api.weixin.qq.com}; a local fake in tests)
 * @param appId            the mini-program's AppID
 * @param appSecret        the mini-program's AppSecret: from the environment only ({@code PRACTICE_WECHAT_APP_SECRET}
 *                         or a Kubernetes secret), never in a file of the repository
 * @param miniprogramState which build of the mini-program a tapped message opens: {@code developer}, {@code trial}
 *                         or {@code formal}
 * @param pagePrefix       the mini-program page that shows a link of the people's ends, to which the notice's link is
 *                         appended URL-encoded (e.g. {@code pages/web/index?path=}); empty: messages open no page
 * @param connectTimeout   how long a connection to WeChat may take
 * @param readTimeout      how long WeChat may take to answer one call
 * @param zone             the zone times are written in where a district has none of its own
 * @param zones            per district id, its zone
 * @param templates        per district id, per notice kind ({@link NoticeKind#id()}, kebab case), the approved
 *                         template and how its keys are filled; a kind without one is not sent by WeChat there
 * @param pushToken        the token (令牌) of the mini-program's message push (消息推送), 3 to 32 letters and digits,
 *                         with which WeChat signs its pushes of message receipts: from the environment only
 *                         ({@code PRACTICE_WECHAT_PUSH_TOKEN}), never in a file of the repository; none: the receipts
 *                         URL answers 404 and WeChat deliveries stay at sent
 */
@ConfigurationProperties("practice.notification.wechat")
public record WeChatSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("https://api.weixin.qq.com") String baseUrl,
        String appId,
        String appSecret,
        @DefaultValue("formal") String miniprogramState,
        @DefaultValue("") String pagePrefix,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        Map<String, ZoneId> zones,
        Map<String, Map<String, Template>> templates,
        String pushToken) {

    private static final String PREFIX = "practice.notification.wechat";
    private static final Set<String> STATES = Set.of("developer", "trial", "formal");
    private static final Pattern PUSH_TOKEN = Pattern.compile("[A-Za-z0-9]{3,32}");

    public WeChatSettings {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.weixin.qq.com" : baseUrl.strip();
        miniprogramState = miniprogramState == null || miniprogramState.isBlank() ? "formal" : miniprogramState;
        pagePrefix = pagePrefix == null ? "" : pagePrefix.strip();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        zones = zones == null ? Map.of() : Map.copyOf(zones);
        templates = templates == null ? Map.of() : templates.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, district -> Map.copyOf(district.getValue())));
        // Fail at start-up, not on the first notice: a wrong key would otherwise dead-letter every delivery.
        if (enabled && (blank(appId) || blank(appSecret))) {
            throw new IllegalArgumentException(PREFIX + ": enabled needs app-id and app-secret (in deployment from "
                    + "the environment: PRACTICE_WECHAT_APP_ID, PRACTICE_WECHAT_APP_SECRET)");
        }
        pushToken = blank(pushToken) ? null : pushToken.strip();
        if (pushToken != null && !PUSH_TOKEN.matcher(pushToken).matches()) {
            // WeChat's console takes no other; a token it would refuse is a typo worth failing the start for.
            throw new IllegalArgumentException(PREFIX + ": push-token must be 3 to 32 letters and digits, as the "
                    + "mini-program's message push (消息推送) takes it");
        }
        if (!STATES.contains(miniprogramState)) {
            throw new IllegalArgumentException(PREFIX + ": miniprogram-state must be developer, trial or formal, not '"
                    + miniprogramState + "'");
        }
        if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://")) {
            throw new IllegalArgumentException(PREFIX + ": base-url must be an http(s) URL, not '" + baseUrl + "'");
        }
        if (!positive(connectTimeout) || !positive(readTimeout)) {
            throw new IllegalArgumentException(PREFIX + ": connect-timeout and read-timeout must be positive");
        }
        templates.forEach((district, kinds) -> kinds.forEach((kindId, template) -> {
            String where = PREFIX + ".templates." + district + "." + kindId;
            if (NoticeKind.parse(kindId).isEmpty()) {
                throw new IllegalArgumentException(where + ": no notice kind '" + kindId + "' (known: "
                        + Arrays.stream(NoticeKind.values()).map(NoticeKind::id).collect(Collectors.joining(", "))
                        + ")");
            }
            TemplateMapping.compile(where, template);
        }));
    }

    /** The template of {@code kind} in {@code district}, if one is set. */
    public Optional<Template> template(String district, NoticeKind kind) {
        Map<String, Template> kinds = district == null ? null : templates.get(district);
        return kinds == null ? Optional.empty() : Optional.ofNullable(kinds.get(kind.id()));
    }

    /** Whether WeChat's pushes of message receipts are taken (a push token is set). */
    public boolean takesReceipts() {
        return pushToken != null;
    }

    /** The zone the district's times are written in. */
    public ZoneId zone(String district) {
        return district == null ? zone : zones.getOrDefault(district, zone);
    }

    /** Never the secret: settings end up in logs and actuator pages. */
    @Override
    public String toString() {
        return "WeChatSettings[enabled=" + enabled + ", baseUrl=" + baseUrl + ", appId=" + appId + ", appSecret="
                + (blank(appSecret) ? "(none)" : "(set)") + ", miniprogramState=" + miniprogramState
                + ", pagePrefix=" + pagePrefix + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", zone=" + zone + ", zones=" + zones + ", templates=" + templates + ", pushToken="
                + (pushToken == null ? "(none)" : "(set)") + "]";
    }

    /**
     * One approved subscription template.
     *
     * @param templateId the template id WeChat gave when the template was chosen in the mini-program's console
     * @param fields     per template key ({@code thing1}, {@code time2}, {@code phrase3}, {@code character_string4},
     *                   …: the type, then the number) where its value comes from: {@code title}, {@code body},
     *                   {@code at} (when the cause happened) or {@code field:<name>} (one of the notice's facts, such
     *                   as {@code field:menuItem}). Values are cut to the limit WeChat documents for the key's type
     */
    public record Template(String templateId, Map<String, String> fields) {

        public Template {
            fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
