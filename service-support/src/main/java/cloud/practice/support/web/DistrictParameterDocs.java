package cloud.practice.support.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Documents the {@code district} query parameter of every operation that takes a {@link District}: springdoc
 * ignores the type itself (it is resolved, not bound), so without this the parameter would vanish from the API
 * documents and the generated clients.
 */
public final class DistrictParameterDocs implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean takesDistrict = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType() == District.class);
        boolean documented = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> District.PARAMETER.equals(parameter.getName()) && "query".equals(parameter.getIn()));
        if (!takesDistrict || documented) {
            return operation;
        }
        var parameters = new ArrayList<Parameter>();
        parameters.add(new Parameter().name(District.PARAMETER).in("query").required(true)
                .description("The district (tenant) the request acts in")
                .schema(new StringSchema().pattern(ApiFormats.DISTRICT)));
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        return operation.parameters(parameters);
    }
}
