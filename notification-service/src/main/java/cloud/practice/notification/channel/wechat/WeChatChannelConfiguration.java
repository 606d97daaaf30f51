package cloud.practice.notification.channel.wechat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The WeChat channel when {@code practice.notification.wechat.enabled=true}; otherwise there is no WeChat sender (its
 * deliveries are not made) and no way to bind a mini-program identity. The settings are bound and checked either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WeChatSettings.class)
public class WeChatChannelConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "practice.notification.wechat", name = "enabled", havingValue = "true")
    public WeChatSubscriptionSender weChatSubscriptionSender(WeChatSettings settings, ObjectProvider<Clock> clock) {
        return new WeChatSubscriptionSender(settings, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnProperty(prefix = "practice.notification.wechat", name = "enabled", havingValue = "true")
    public WeChatIdentity weChatIdentity(WeChatSettings settings) {
        return new WeChatIdentity(settings);
    }
}
