package cloud.practice.auth.tokens;

import cloud.practice.support.security.SecuritySettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * Works around a binding failure in service-support: {@code SecuritySettings.Claims} is a record with a second,
 * shorter constructor, so Spring Boot's binder finds no bind constructor for it and then fails to make the
 * {@code @DefaultValue} instance ("wrong number of arguments") — the context cannot start. Until service-support marks
 * the canonical constructor (or drops the short one), the issuer builds the settings itself from the same
 * properties and defaults. Remove this class then.
 */
public final class SecuritySettingsBinding implements BeanDefinitionRegistryPostProcessor {

    static final String BEAN = "practice.security-" + SecuritySettings.class.getName();

    private final Environment environment;

    public SecuritySettingsBinding(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(BEAN)) {
            registry.removeBeanDefinition(BEAN);
        }
        registry.registerBeanDefinition(BEAN, BeanDefinitionBuilder
                .genericBeanDefinition(SecuritySettings.class, this::settings).getBeanDefinition());
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // nothing: the definition above is all
    }

    SecuritySettings settings() {
        return new SecuritySettings(
                property("jwk-set-uri", "http://localhost:9000/oauth2/jwks"),
                property("issuer", "http://localhost:9000"),
                property("audience", "practice-cloud"),
                property("grant-uri", "http://localhost:9000/oauth2/token"),
                environment.getProperty("practice.security.clock-skew", Duration.class, Duration.ofSeconds(30)),
                new SecuritySettings.Claims(property("claims.user", "sub"), property("claims.role", "practice_role"),
                        property("claims.district", "practice_district"), property("claims.unit", "practice_unit"),
                        property("claims.volunteer", "practice_volunteer"), property("claims.grant", "practice_grant")));
    }

    private String property(String name, String fallback) {
        return environment.getProperty("practice.security." + name, fallback);
    }
}
