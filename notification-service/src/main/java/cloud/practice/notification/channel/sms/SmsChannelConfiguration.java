package cloud.practice.notification.channel.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IssuerSmsSettings.class)
public class SmsChannelConfiguration {

    @Bean
    @ConditionalOnProperty(name = "practice.notification.sms.enabled", matchIfMissing = true)
    public IssuerSmsSender issuerSmsSender(IssuerSmsSettings settings, ObjectMapper json, Clock clock) {
        return new IssuerSmsSender(settings, json, clock);
    }
}
