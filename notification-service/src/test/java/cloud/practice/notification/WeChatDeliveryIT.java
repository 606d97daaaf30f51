package cloud.practice.notification;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.notification.channel.wechat.WeChatFake;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static cloud.practice.notification.NoticeApi.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WeChat channel through the whole service, against a local fake of WeChat's API: a person binds their
 * mini-program identity with a wx.login code, their notices arrive as subscription messages with the district's
 * template; a person who withdrew the subscription is not retried; unbinding stops the messages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@cloud.practice.testing.WithPlatformInfrastructure
class WeChatDeliveryIT {

    static final String D = "nw-" + UUID.randomUUID().toString().substring(0, 6);
    static final WeChatFake WECHAT = WeChatFake.start();
    static final Instant T0 = Instant.parse("2026-12-07T02:30:00Z");
    static boolean menuPublished;

    @LocalServerPort
    int port;
    NoticeApi api;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("practice.notification.sms.enabled", () -> "false");
        registry.add("practice.notification.delivery.interval", () -> "100ms");
        registry.add("practice.notification.delivery.first-backoff", () -> "200ms");
        registry.add("practice.notification.wechat.enabled", () -> "true");
        registry.add("practice.notification.wechat.base-url", WECHAT::baseUrl);
        registry.add("practice.notification.wechat.app-id", () -> WeChatFake.APP_ID);
        registry.add("practice.notification.wechat.app-secret", () -> WeChatFake.APP_SECRET);
        String template = "practice.notification.wechat.templates." + D + ".order-accepted.";
        registry.add(template + "template-id", () -> "tmpl-accepted");
        registry.add(template + "fields.thing1", () -> "field:service");
        registry.add(template + "fields.thing2", () -> "title");
        registry.add(template + "fields.time3", () -> "at");
    }

    @BeforeEach
    void theMenu() {
        api = new NoticeApi(port, D);
        if (!menuPublished) {
            menuPublished = true;
            publish("MenuItem", "item-meal", 0, new MenuItemPublished("item-meal", D, "MEAL", "助餐送餐服务",
                    ServicePlatform.values()[0], 1, 60, 1, List.of("s-1")));
        }
    }

    @AfterAll
    static void stop() {
        WECHAT.close();
    }

    @Test
    void shouldSendTheDistrictsTemplateToTheBoundPersonAndStopWhenUnbound() throws Exception {
        String resident = "acc-w-" + UUID.randomUUID().toString().substring(0, 8);
        String token = api.resident(resident);
        String openid = WECHAT.openidFor("login-code-" + resident);

        HttpResponse<String> refused = api.put("/api/v1/notices/preferences/wechat?district=" + D, token,
                "{\"code\":\"not-a-code-wechat-knows\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(api.read(refused).path("field").asText()).isEqualTo("code");
        HttpResponse<String> bound = api.put("/api/v1/notices/preferences/wechat?district=" + D, token,
                "{\"code\":\"login-code-" + resident + "\"}");
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        assertThat(api.read(bound).path("wechatBound").asBoolean()).isTrue();

        String request = "req-" + UUID.randomUUID();
        publish("ServiceRequest", request, 0, submitted(request, resident),
                new RequestAccepted(request, D, "vol-1", null, T0));
        JsonNode message = await().atMost(Duration.ofSeconds(30)).until(() -> WECHAT.sent().stream()
                .filter(m -> m.path("touser").asText().equals(openid)).findFirst().orElse(null), m -> m != null);
        assertThat(message.path("template_id").asText()).isEqualTo("tmpl-accepted");
        assertThat(message.path("data").path("thing1").path("value").asText()).isEqualTo("助餐送餐服务");
        assertThat(message.path("data").path("thing2").path("value").asText()).isEqualTo("订单已被接单");
        assertThat(message.path("data").path("time3").path("value").asText()).isEqualTo("2026-12-07 10:30");

        // No template for a rejection in this district: WeChat does not carry it (skipped, not failed).
        String rejected = "req-" + UUID.randomUUID();
        publish("ServiceRequest", rejected, 0, submitted(rejected, resident),
                new RequestRejected(rejected, D, "s-1", "超出服务范围", T0));
        String rejection = NoticeApi.idOf(await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(token),
                b -> b.path("items").findValuesAsText("kind").contains("order-rejected")), "order-rejected");
        JsonNode skipped = await().atMost(Duration.ofSeconds(30)).until(() -> api.read(api.get("/api/v1/notices/"
                + rejection + "?district=" + D, token)), d -> d.path("deliveries").get(1).path("state").asText()
                .equals("skipped"));
        assertThat(skipped.path("deliveries").get(1).path("log").findValuesAsText("detail"))
                .contains("wechat carries no order-rejected in this district");

        HttpResponse<String> unbound = api.delete("/api/v1/notices/preferences/wechat?district=" + D, token);
        assertThat(api.read(unbound).path("wechatBound").asBoolean()).isFalse();
        String later = "req-" + UUID.randomUUID();
        publish("ServiceRequest", later, 0, submitted(later, resident),
                new RequestAccepted(later, D, "vol-1", null, T0));
        JsonNode box = await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(token),
                b -> b.path("total").asInt() == 3);
        String id = box.path("items").get(0).path("id").asText();
        JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(() -> api.read(api.get("/api/v1/notices/" + id
                + "?district=" + D, token)), d -> d.path("deliveries").findValuesAsText("state").contains("skipped"));
        assertThat(detail.path("deliveries").findValuesAsText("detail")).contains("no WeChat identity bound");
        assertThat(WECHAT.sent().stream().filter(m -> m.path("touser").asText().equals(openid)).count())
                .isEqualTo(1);
    }

    @Test
    void shouldNotRetryAPersonWhoWithdrewTheSubscription() throws Exception {
        String resident = "acc-w-" + UUID.randomUUID().toString().substring(0, 8);
        String token = api.resident(resident);
        String openid = WECHAT.openidFor("code-" + resident);
        assertThat(api.put("/api/v1/notices/preferences/wechat?district=" + D, token,
                "{\"code\":\"code-" + resident + "\"}").statusCode()).isEqualTo(200);
        WECHAT.refuseSubscription(openid);
        int before = WECHAT.sendCalls();

        String request = "req-" + UUID.randomUUID();
        publish("ServiceRequest", request, 0, submitted(request, resident),
                new RequestAccepted(request, D, "vol-1", null, T0));
        JsonNode box = await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(token),
                b -> b.path("total").asInt() == 1);
        String id = box.path("items").get(0).path("id").asText();
        JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(() -> api.read(api.get("/api/v1/notices/" + id
                + "?district=" + D, token)), d -> d.path("deliveries").findValuesAsText("state").contains("dead"));
        assertThat(detail.path("deliveries").get(1).path("attempts").asInt()).isEqualTo(1);
        assertThat(WECHAT.sendCalls() - before).isEqualTo(1);
    }

    static RequestSubmitted submitted(String request, String resident) {
        return new RequestSubmitted(request, D, "item-meal", ServicePlatform.values()[0], "s-1",
                new GeoPoint(29.5, 106.5), null, Channel.values()[0], resident, null, null, null, T0);
    }
}
