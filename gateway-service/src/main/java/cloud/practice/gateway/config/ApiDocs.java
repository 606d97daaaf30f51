package cloud.practice.gateway.config;

import cloud.practice.gateway.routing.ServiceRoutes;
import org.springdoc.core.properties.AbstractSwaggerUiConfigProperties.SwaggerUrl;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The aggregated Swagger UI ({@code /swagger-ui.html}) lists every backend's OpenAPI document as the gateway exposes
 * it ({@code /api-docs/<name>}), from the same {@code practice.gateway.backends} map the routes come from, so a new
 * backend shows up without a second list to keep in step.
 */
@Component
public class ApiDocs implements InitializingBean {

    private final GatewayProperties properties;
    private final SwaggerUiConfigProperties swaggerUi;

    public ApiDocs(GatewayProperties properties, SwaggerUiConfigProperties swaggerUi) {
        this.properties = properties;
        this.swaggerUi = swaggerUi;
    }

    @Override
    public void afterPropertiesSet() {
        Set<SwaggerUrl> urls = new LinkedHashSet<>();
        new TreeMap<>(properties.backends()).keySet().stream().filter(properties.docs()::documents).forEach(backend -> {
            SwaggerUrl url = new SwaggerUrl();
            url.setName(backend);
            url.setDisplayName(backend);
            url.setUrl(ServiceRoutes.docsPath(properties.docs(), backend));
            urls.add(url);
        });
        swaggerUi.setUrls(urls);
    }
}
