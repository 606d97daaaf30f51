package cloud.practice.volunteer.config;

import cloud.practice.volunteer.access.CallerResolver;
import cloud.practice.volunteer.access.Role;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.List;

/** The API document names the caller headers every operation reads (the stand-in for the gateway's token claims). */
@Configuration
public class OpenApiConfiguration {

    @Bean
    public OpenApiCustomizer callerHeaders() {
        List<Parameter> headers = List.of(
                header(CallerResolver.USER, "Who acts (a volunteer's id for VOLUNTEER and TEAM_LEADER)", null),
                header(CallerResolver.ROLE, "The caller's role", Arrays.stream(Role.values()).map(Enum::name).toList()),
                header(CallerResolver.DISTRICT, "The caller's district", null),
                header(CallerResolver.UNIT, "The unit whose subtree an admin administers", null));
        return openApi -> {
            openApi.info(new Info().title("volunteer-service").version("v1").description(
                    "Volunteers, teams, the service-hour ledger and star levels of each district. Without caller "
                            + "headers a request acts as the trusted system while practice.volunteer.trust-anonymous "
                            + "is true (until the gateway forwards validated identities)."));
            if (openApi.getPaths() != null) {
                openApi.getPaths().values().forEach(path -> path.readOperations()
                        .forEach(operation -> headers.forEach(header -> add(operation, header))));
            }
        };
    }

    private static void add(Operation operation, Parameter header) {
        if (operation.getParameters() == null || operation.getParameters().stream()
                .noneMatch(existing -> header.getName().equals(existing.getName()))) {
            operation.addParametersItem(header);
        }
    }

    private static Parameter header(String name, String description, List<String> values) {
        StringSchema schema = new StringSchema();
        if (values != null) {
            schema.setEnum(values);
        }
        return new HeaderParameter().name(name).description(description).required(false).schema(schema);
    }
}
