package cloud.practice.volunteer.config;

import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API document's title and description (the bearer-token scheme is added by service-support). */
@Configuration
public class OpenApiConfiguration {

    @Bean
    public OpenApiCustomizer volunteerApiInfo() {
        return openApi -> openApi.info(new Info().title("volunteer-service").version("v1").description(
                "Volunteers, teams, the service-hour ledger and star levels of each district. Every operation needs "
                        + "a bearer token with the volunteers:read or volunteers:write scope; what the caller may see "
                        + "or change then depends on their role and unit (AccessPolicy)."));
    }
}
