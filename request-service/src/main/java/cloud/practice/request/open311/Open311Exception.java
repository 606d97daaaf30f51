package cloud.practice.request.open311;

import org.springframework.http.HttpStatus;

/** An error answered in the spec's format: {@code [{code, description}]} with the HTTP status as the code. */
public class Open311Exception extends RuntimeException {

    private final HttpStatus status;

    public Open311Exception(HttpStatus status, String description) {
        super(description);
        this.status = status;
    }

    public static Open311Exception badRequest(String description) {
        return new Open311Exception(HttpStatus.BAD_REQUEST, description);
    }

    public static Open311Exception notFound(String description) {
        return new Open311Exception(HttpStatus.NOT_FOUND, description);
    }

    public static Open311Exception forbidden(String description) {
        return new Open311Exception(HttpStatus.FORBIDDEN, description);
    }

    public HttpStatus status() {
        return status;
    }
}
