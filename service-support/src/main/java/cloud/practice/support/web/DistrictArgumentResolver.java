package cloud.practice.support.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controller methods the request's {@link District}, read and checked from its {@code district} parameter. */
public final class DistrictArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == District.class;
    }

    @Override
    public District resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                    WebDataBinderFactory binders) {
        String[] values = request.getParameterValues(District.PARAMETER);
        if (values != null && values.length > 1) {
            throw ApiException.badRequest(District.PARAMETER, "'" + District.PARAMETER + "' is given more than once");
        }
        return District.of(values == null ? null : values[0]);
    }
}
