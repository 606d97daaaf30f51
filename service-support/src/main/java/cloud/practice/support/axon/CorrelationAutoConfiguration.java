package cloud.practice.support.axon;

import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.web.CorrelationIds;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.util.Map;

/**
 * Carries the caller's correlation id from the HTTP request onto commands (dispatch interceptor) and from commands
 * onto the events they cause (correlation data provider); the Kafka relay publishes it as {@code correlationid}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CorrelationAutoConfiguration {

    @Bean
    public FilterRegistrationBean<CorrelationIds> correlationIds() {
        FilterRegistrationBean<CorrelationIds> registration = new FilterRegistrationBean<>(new CorrelationIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public CorrelationDataProvider requestCorrelationProvider() {
        return new SimpleCorrelationDataProvider(CloudEventCodec.REQUEST_CORRELATION_ID);
    }

    @Bean
    public InitializingBean correlationOnCommands(CommandBus commandBus) {
        MessageDispatchInterceptor<CommandMessage<?>> interceptor = messages -> (index, command) -> {
            String id = CorrelationIds.current();
            return id == null || command.getMetaData().containsKey(CloudEventCodec.REQUEST_CORRELATION_ID) ? command
                    : command.andMetaData(Map.of(CloudEventCodec.REQUEST_CORRELATION_ID, id));
        };
        return () -> commandBus.registerDispatchInterceptor(interceptor);
    }
}
