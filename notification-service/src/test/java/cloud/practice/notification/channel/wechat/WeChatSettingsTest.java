package cloud.practice.notification.channel.wechat;

import cloud.practice.notification.notice.NoticeKind;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static cloud.practice.notification.channel.wechat.WeChatMother.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings as Spring binds them from YAML, and what they refuse at start-up. */
class WeChatSettingsTest {

    /** Like the example of the service's README, with one key written in brackets as Spring also allows. */
    static final String EXAMPLE = """
            practice:
              notification:
                wechat:
                  enabled: true
                  app-id: wx0123456789abcdef
                  app-secret: from-the-environment
                  page-prefix: "pages/web/index?path="
                  templates:
                    cq-jiulongpo:
                      order-offered:
                        template-id: tmpl-order-offered-0001
                        fields:
                          thing1: title
                          thing2: field:menuItem
                          time3: at
                          "[character_string4]": field:orderNo
                      sla-warning:
                        template-id: tmpl-sla-warning-0002
                        fields:
                          thing1: field:menuItem
                          time2: field:dueAt
                          character_string3: field:orderNo
            """;

    @Test
    void shouldBindTheExampleWithItsDefaults() throws IOException {
        WeChatSettings settings = bind(EXAMPLE);

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.baseUrl()).isEqualTo("https://api.weixin.qq.com");
        assertThat(settings.miniprogramState()).isEqualTo("formal");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.zone("cq-jiulongpo")).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(settings.template("cq-jiulongpo", NoticeKind.ORDER_OFFERED)).hasValueSatisfying(template ->
                assertThat(template.templateId()).isEqualTo("tmpl-order-offered-0001"));
        assertThat(settings.template("cq-jiulongpo", NoticeKind.ORDER_ACCEPTED)).isEmpty();
        assertThat(settings.template("elsewhere", NoticeKind.ORDER_OFFERED)).isEmpty();
    }

    @Test
    void shouldKeepTemplateKeysWithAnUnderscoreWithOrWithoutBrackets() throws IOException {
        WeChatSettings settings = bind(EXAMPLE);

        assertThat(TemplateMapping.compile("offered", settings.template("cq-jiulongpo", NoticeKind.ORDER_OFFERED)
                .orElseThrow()).keys()).containsExactlyInAnyOrder("thing1", "thing2", "time3", "character_string4");
        assertThat(TemplateMapping.compile("warning", settings.template("cq-jiulongpo", NoticeKind.SLA_WARNING)
                .orElseThrow()).keys()).containsExactlyInAnyOrder("thing1", "time2", "character_string3");
    }

    @Test
    void shouldBindZonesPerDistrict() throws IOException {
        WeChatSettings settings = bind("""
                practice.notification.wechat:
                  zone: Asia/Shanghai
                  zones:
                    xj-urumqi: Asia/Urumqi
                """);

        assertThat(settings.enabled()).isFalse();
        assertThat(settings.zone("xj-urumqi")).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(settings.zone("cq-jiulongpo")).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void shouldRefuseToStartEnabledWithoutTheAppsCredentials() {
        assertThatThrownBy(() -> settings(true, null, "secret", Map.of()))
                .hasMessageContaining("practice.notification.wechat").hasMessageContaining("app-id")
                .hasMessageContaining("PRACTICE_WECHAT_APP_SECRET");
        assertThatThrownBy(() -> settings(true, "wx0123", " ", Map.of())).hasMessageContaining("app-secret");
        assertThat(settings(false, null, null, Map.of()).enabled()).as("off, nothing is needed").isFalse();
    }

    @Test
    void shouldRefuseTemplatesThatCouldNeverBeSent() {
        assertRefused(Map.of("order-offerd", new WeChatSettings.Template("t", fields("thing1", "title"))),
                "templates.cq.order-offerd", "no notice kind 'order-offerd'", "order-offered");
        assertRefused(Map.of("order-offered", new WeChatSettings.Template(" ", fields("thing1", "title"))),
                "template-id is missing");
        assertRefused(Map.of("order-offered", new WeChatSettings.Template("t", Map.of())), "fields is empty");
        assertRefused(Map.of("order-offered", new WeChatSettings.Template("t", fields("thingy1", "title"))),
                "'thingy1' is not a template key", "character_string");
        assertRefused(Map.of("order-offered", new WeChatSettings.Template("t", fields("thing1", "titel"))),
                "fields.thing1", "'titel' is not a source");
        assertRefused(Map.of("order-offered", new WeChatSettings.Template("t", fields("thing1", "field:"))),
                "'field:' is not a source");
    }

    @Test
    void shouldRefuseAnUnknownMiniProgramStateOrTimeout() {
        assertThatThrownBy(() -> new WeChatSettings(false, null, null, null, "release", null, null, null, null, null,
                null, null)).hasMessageContaining("developer, trial or formal");
        assertThatThrownBy(() -> new WeChatSettings(false, null, null, null, null, null, Duration.ZERO, null, null,
                null, null, null)).hasMessageContaining("connect-timeout");
    }

    @Test
    void shouldNotShowTheSecret() {
        assertThat(settings(true, "wx0123", "very-secret-value", Map.of()).toString())
                .doesNotContain("very-secret-value").contains("appSecret=(set)");
    }

    @Test
    void shouldTakeReceiptsOnlyWithAPushTokenWeChatsConsoleWouldTakeAndNeverShowIt() {
        assertThat(withPushToken(null).takesReceipts()).isFalse();
        assertThat(withPushToken("  ").takesReceipts()).isFalse();
        WeChatSettings set = withPushToken("Tok3nOfThePush");
        assertThat(set.takesReceipts()).isTrue();
        assertThat(set.pushToken()).isEqualTo("Tok3nOfThePush");
        assertThat(set.toString()).doesNotContain("Tok3nOfThePush").contains("pushToken=(set)");
        for (String refused : List.of("ab", "a".repeat(33), "with-dash", "有中文的令牌")) {
            assertThatThrownBy(() -> withPushToken(refused)).as(refused)
                    .hasMessageContaining("push-token must be 3 to 32 letters and digits");
        }
    }

    private static void assertRefused(Map<String, WeChatSettings.Template> kinds, String... messageParts) {
        assertThatThrownBy(() -> settings(false, null, null, kinds)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(refusal -> {
                    for (String part : messageParts) {
                        assertThat(refusal).hasMessageContaining(part);
                    }
                });
    }

    private static WeChatSettings settings(boolean enabled, String appId, String appSecret,
                                           Map<String, WeChatSettings.Template> kinds) {
        return new WeChatSettings(enabled, null, appId, appSecret, null, null, null, null, null, null,
                Map.of("cq", kinds), null);
    }

    private static WeChatSettings withPushToken(String token) {
        return new WeChatSettings(false, null, null, null, null, null, null, null, null, null, null, token);
    }

    private static WeChatSettings bind(String yaml) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("test.yml",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("practice.notification.wechat", WeChatSettings.class);
    }
}
