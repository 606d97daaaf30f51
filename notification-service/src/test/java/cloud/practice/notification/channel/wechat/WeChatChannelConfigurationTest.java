package cloud.practice.notification.channel.wechat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel's beans exist only when it is enabled, and an enabled channel without credentials does not start. */
class WeChatChannelConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(WeChatChannelConfiguration.class);

    @Test
    void shouldHaveNoWeChatBeansWhenDisabled() {
        context.run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(WeChatSettings.class);
            assertThat(started).doesNotHaveBean(WeChatSubscriptionSender.class).doesNotHaveBean(WeChatIdentity.class);
        });
    }

    @Test
    void shouldHaveTheSenderAndTheIdentityWhenEnabled() {
        context.withPropertyValues("practice.notification.wechat.enabled=true",
                        "practice.notification.wechat.app-id=" + WeChatFake.APP_ID,
                        "practice.notification.wechat.app-secret=" + WeChatFake.APP_SECRET)
                .run(started -> assertThat(started).hasSingleBean(WeChatSubscriptionSender.class)
                        .hasSingleBean(WeChatIdentity.class));
    }

    @Test
    void shouldNotStartEnabledWithoutTheSecret() {
        context.withPropertyValues("practice.notification.wechat.enabled=true",
                        "practice.notification.wechat.app-id=" + WeChatFake.APP_ID)
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("enabled needs app-id and app-secret"));
    }
}
