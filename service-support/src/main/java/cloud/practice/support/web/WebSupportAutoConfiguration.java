package cloud.practice.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * problem+json for every error (the container's own too), idempotency keys for creating POSTs, the request's
 * {@link District} as a controller argument.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebSupportAutoConfiguration {

    @Bean
    public ErrorProblems errorProblems() {
        return new ErrorProblems();
    }

    @Bean
    public ProblemHandling problemHandling() {
        return new ProblemHandling();
    }

    @Bean
    public FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            @Value("${practice.web.max-request-bytes:1048576}") long maxBytes,
            ObjectProvider<LargerBody> larger, ObjectMapper objectMapper) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(maxBytes, larger.orderedStream().toList(), objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    public InvisibleCharacters invisibleCharacters() {
        return new InvisibleCharacters();
    }

    @Bean
    public IdempotentRequests idempotentRequests(MongoDatabaseFactory databaseFactory, ObjectMapper objectMapper) {
        return new IdempotentRequests(databaseFactory.getMongoDatabase(), objectMapper);
    }

    @Bean
    public WebMvcConfigurer districtArguments() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new DistrictArgumentResolver());
            }
        };
    }

    /** The {@code district} parameter in the API documents, where springdoc is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OperationCustomizer.class)
    static class DistrictDocs {

        @Bean
        public OperationCustomizer districtParameterDocs() {
            // Resolved, not bound: springdoc must not document the record itself.
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(District.class);
            return new DistrictParameterDocs();
        }
    }
}
