package cloud.practice.notification.channel.wechat;

import cloud.practice.notification.delivery.Outgoing;
import cloud.practice.notification.notice.NoticeKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Settings and notices for the WeChat channel's tests. */
final class WeChatMother {

    static final String DISTRICT = "cq-jiulongpo";
    /** A district six hours east of UTC rather than eight. */
    static final String FAR_WEST = "xj-urumqi";
    static final String OFFERED_TEMPLATE = "tmpl-order-offered-0001";
    static final Instant AT = Instant.parse("2026-12-07T06:30:00Z");
    static final String TITLE = "新的服务订单";
    static final String BODY = "社区助老：陪同就医，明天上午九点在九龙坡区人民医院门口集合，请准时到达并签到";
    static final String MENU_ITEM = "陪同就医（半天，含挂号、取药、陪诊）服务项目";

    private WeChatMother() {
    }

    /** thing1 ← title, thing2 ← menuItem, time3 ← at, phrase4 ← status, character_string5 ← orderNo, thing6 ← body. */
    static WeChatSettings.Template offeredTemplate() {
        return new WeChatSettings.Template(OFFERED_TEMPLATE, fields("thing1", "title", "thing2", "field:menuItem",
                "time3", "at", "phrase4", "field:status", "character_string5", "field:orderNo", "thing6", "body"));
    }

    /** time1 ← dueAt (a fact, ISO-8601), thing2 ← menuItem. */
    static WeChatSettings.Template slaWarningTemplate() {
        return new WeChatSettings.Template("tmpl-sla-warning-0002", fields("time1", "field:dueAt", "thing2",
                "field:menuItem"));
    }

    /** amount1 ← fee: an amount WeChat checks strictly. */
    static WeChatSettings.Template inServiceTemplate() {
        return new WeChatSettings.Template("tmpl-in-service-0003", fields("thing1", "title", "amount2",
                "field:fee"));
    }

    static WeChatSettings settings(String baseUrl) {
        return settings(baseUrl, Duration.ofSeconds(5));
    }

    static WeChatSettings settings(String baseUrl, Duration readTimeout) {
        return new WeChatSettings(true, baseUrl, WeChatFake.APP_ID, WeChatFake.APP_SECRET, "formal",
                "pages/web/index?path=", Duration.ofSeconds(2), readTimeout, ZoneId.of("Asia/Shanghai"),
                Map.of(FAR_WEST, ZoneId.of("Asia/Urumqi")),
                Map.of(DISTRICT, Map.of(NoticeKind.ORDER_OFFERED.id(), offeredTemplate(),
                                NoticeKind.SLA_WARNING.id(), slaWarningTemplate(),
                                NoticeKind.ORDER_IN_SERVICE.id(), inServiceTemplate()),
                        FAR_WEST, Map.of(NoticeKind.ORDER_OFFERED.id(), offeredTemplate())), null);
    }

    /** An order offered to the person {@code openid} in {@link #DISTRICT}. */
    static Outgoing offer(String openid) {
        return offer(DISTRICT, openid);
    }

    static Outgoing offer(String district, String openid) {
        return new Outgoing("notice-1:wechat", district, "acc-7f3a", NoticeKind.ORDER_OFFERED, TITLE, BODY,
                "/app/#/requests/req-1?tab=offer", AT,
                Map.of("menuItem", MENU_ITEM, "status", "待接单！", "orderNo", "REQ-2026-000123"), openid);
    }

    static Outgoing notice(NoticeKind kind, Map<String, String> facts, String openid) {
        return new Outgoing("notice-2:wechat", DISTRICT, "acc-7f3a", kind, TITLE, BODY, null, AT, facts, openid);
    }

    static Map<String, String> fields(String... keysAndSources) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndSources.length; i += 2) {
            fields.put(keysAndSources[i], keysAndSources[i + 1]);
        }
        return fields;
    }
}
