package cloud.practice.volunteer.access;

import cloud.practice.support.web.ApiException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the caller headers into a {@link Caller} argument of a controller method. Until the gateway validates tokens
 * and forwards their claims (issue 10), the headers are the stand-in for those claims:
 * {@code X-Practice-User}, {@code X-Practice-Role}, {@code X-Practice-District}, {@code X-Practice-Unit}.
 * Without any of them the caller is {@link Caller#SYSTEM} while {@code practice.volunteer.trust-anonymous} is true,
 * else 401. The gateway issue replaces this one class with a resolver reading the validated JWT.
 */
public class CallerResolver implements HandlerMethodArgumentResolver {

    public static final String USER = "X-Practice-User";
    public static final String ROLE = "X-Practice-Role";
    public static final String DISTRICT = "X-Practice-District";
    public static final String UNIT = "X-Practice-Unit";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}");

    private final boolean trustAnonymous;

    public CallerResolver(boolean trustAnonymous) {
        this.trustAnonymous = trustAnonymous;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        String user = request.getHeader(USER);
        String role = request.getHeader(ROLE);
        String district = request.getHeader(DISTRICT);
        String unit = request.getHeader(UNIT);
        if (user == null && role == null && district == null && unit == null) {
            if (trustAnonymous) {
                return Caller.SYSTEM;
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "This request needs a caller identity");
        }
        if (user == null || !ID.matcher(user).matches()) {
            throw unauthenticated(USER);
        }
        Role parsed;
        try {
            parsed = Role.valueOf(role == null ? "" : role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw unauthenticated(ROLE);
        }
        if (parsed == Role.SYSTEM) {
            return new Caller(user, Role.SYSTEM, null, null);
        }
        if (district == null || !ID.matcher(district).matches()) {
            throw unauthenticated(DISTRICT);
        }
        if (parsed.isAdmin() && (unit == null || !ID.matcher(unit).matches())) {
            throw unauthenticated(UNIT);
        }
        return new Caller(user, parsed, district, unit);
    }

    private static ApiException unauthenticated(String header) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "The caller identity is incomplete or invalid: " + header, Map.of("field", header));
    }
}
