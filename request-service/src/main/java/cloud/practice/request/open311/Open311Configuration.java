package cloud.practice.request.open311;

import cloud.practice.request.open311.webhook.CallbackAddresses;
import cloud.practice.request.open311.format.Open311Writer;
import cloud.practice.request.open311.web.Open311ErrorFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Open311 GeoReport v2 surface: its settings, and its error format for answers written outside its controllers. */
@Configuration
@EnableConfigurationProperties(Open311Settings.class)
public class Open311Configuration {

    @Bean
    public Open311Writer open311Writer(ObjectMapper json) {
        return new Open311Writer(json);
    }

    /** Where webhooks may go: outside the platform's network, and the internal subscribers the operator lists. */
    @Bean
    public CallbackAddresses callbackAddresses(Open311Settings settings) {
        return new CallbackAddresses(settings.webhooks().allowedInternalHosts());
    }

    /**
     * Outside the security filters, so that their 401/403 and Spring's own 404/405/415 answers on {@code /open311/}
     * reach the client in the spec's error format instead of problem+json.
     */
    @Bean
    public FilterRegistrationBean<Open311ErrorFilter> open311ErrorFormat(ObjectMapper json) {
        FilterRegistrationBean<Open311ErrorFilter> registration = new FilterRegistrationBean<>(new Open311ErrorFilter(json));
        registration.addUrlPatterns("/open311/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
