package cloud.practice.request.open311.web;

import cloud.practice.request.open311.Open311Exception;

import cloud.practice.request.open311.format.Format;
import cloud.practice.request.open311.format.Open311Writer;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.ProblemHandling;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of the Open311 controllers in the spec's format, never problem+json: 400 for anything the client
 * sent wrong (the spec knows no 409 or 422, so domain refusals become 400 with their reason), 403, 404, and a bare
 * 500 for the unexpected. Ahead of the service-wide {@code ProblemHandling}.
 */
@RestControllerAdvice(basePackageClasses = Open311Errors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class Open311Errors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    private final Open311Writer writer;

    public Open311Errors(Open311Writer writer) {
        this.writer = writer;
    }

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<String> open311(Open311Exception e, HttpServletRequest request) {
        return answer(request, e.status(), e.getMessage());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> api(ApiException e, HttpServletRequest request) {
        return answer(request, spec(e.status()), describe(e.properties().get("field"), e.getMessage()));
    }

    /** A domain rule's refusal: the status its kind has as problem+json, then narrowed to the spec's. */
    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<String> rule(RuleViolation e, HttpServletRequest request) {
        return answer(request, spec(ProblemHandling.statusOf(e.kind())), describe(e.field(), e.getMessage()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<String> command(CommandExecutionException e, HttpServletRequest request) {
        if (e.getCause() instanceof RuleViolation rule) {
            return rule(rule, request);
        }
        ApiException api = e.getCause() instanceof ApiException cause ? cause
                : e.getDetails().filter(ApiException.class::isInstance).map(ApiException.class::cast).orElse(null);
        return api != null ? api(api, request) : unexpected(e, request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<String> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, e.getParameterName() + " was not provided");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, e.getName() + " has an invalid value");
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<String> constraint(ConstraintViolationException e, HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, e.getConstraintViolations().stream()
                .map(violation -> violation.getPropertyPath() + " " + violation.getMessage()).sorted()
                .reduce((a, b) -> a + "; " + b).orElse("invalid parameter"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {}", request.getRequestURI(), e);
        return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be completed; it has been logged");
    }

    private ResponseEntity<String> answer(HttpServletRequest request, HttpStatus status, String description) {
        Format format = Format.ofPath(request.getRequestURI());
        return ResponseEntity.status(status).contentType(format.mediaType())
                .body(writer.errors(format, status.value(), description));
    }

    /** The spec answers 400, 403 and 404; a refusal by a domain rule or a conflict is the client's request at fault. */
    static HttpStatus spec(HttpStatus status) {
        return switch (status) {
            case CONFLICT, UNPROCESSABLE_ENTITY, PRECONDITION_FAILED -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.FORBIDDEN;
            default -> status;
        };
    }

    /** {@code answers.hospital} is {@code attribute[hospital]} to an Open311 client. */
    private static String describe(Object field, String message) {
        if (field instanceof String name && name.startsWith("answers.")) {
            return "attribute[" + name.substring("answers.".length()) + "]: " + message;
        }
        return message;
    }
}
