package cloud.practice.support.web;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * An error with a stable problem type, answered as RFC 9457 problem+json. Throw it from controllers, command
 * handlers or query handlers; {@link ProblemHandling} renders it. {@code type} is a short kebab-case code that
 * becomes {@code https://practice.cloud/problems/<code>} and never changes once published.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String type, String detail) {
        this(status, type, detail, Map.of());
    }

    public ApiException(HttpStatus status, String type, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " '" + id + "' does not exist",
                Map.of("resource", what, "id", id));
    }

    /** A domain rule refused the change (e.g. a station under a station). */
    public static ApiException rule(String type, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, type, detail);
    }

    /** A conflict with the current state (a duplicate code, a race lost, an illegal transition). */
    public static ApiException conflict(String type, String detail) {
        return new ApiException(HttpStatus.CONFLICT, type, detail);
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-field", detail, Map.of("field", field));
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
