package cloud.practice.support.web;

import cloud.practice.support.config.StoreOutage;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import cloud.practice.support.domain.RuleViolation;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error as RFC 9457 problem+json with a stable {@code type}, naming the offending field where there is one.
 * Never a stack trace: unexpected failures are logged here and answered with a bare 500.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    public static final String TYPE_BASE = "https://practice.cloud/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return problem(e.status(), e.type(), e.getMessage(), e.properties());
    }

    /** A domain rule's refusal (aggregates throw these, knowing nothing of HTTP): its kind decides the status. */
    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> rule(RuleViolation e) {
        Map<String, Object> properties = new java.util.LinkedHashMap<>(e.properties());
        if (e.field() != null) {
            properties.put("field", e.field());
        }
        return problem(statusOf(e.kind()), e.code(), e.getMessage(), properties);
    }

    public static HttpStatus statusOf(RuleViolation.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE -> HttpStatus.PRECONDITION_FAILED;
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> command(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ApiException api) {
            return api(api);
        }
        if (cause instanceof RuleViolation rule) {
            return rule(rule);
        }
        if (cause instanceof IncompatibleAggregateException incompatible) {
            return otherKind(incompatible);
        }
        if (cause instanceof AggregateStreamCreationException created) {
            return alreadyCreated(created);
        }
        return e.getDetails().filter(ApiException.class::isInstance).map(ApiException.class::cast)
                .map(this::api).orElseGet(() -> unexpected(e));
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<Object> staleVersion(ConflictingAggregateVersionException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "stale-version",
                "The resource changed since you read it (expected version " + e.getExpectedVersion()
                        + ", current " + e.getActualVersion() + "); read it again and retry",
                Map.of("currentVersion", e.getActualVersion()));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrent(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change",
                "Another change to the same resource won the race; read it again and retry", Map.of());
    }

    /**
     * The aggregate's identifier is internal (some are scoped by district, e.g. {@code cq-jiulongpo/pairing/p-1}):
     * the answer names no id, like any missing resource.
     */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such resource", Map.of());
    }

    /**
     * Two creations of one aggregate raced and this one lost (the read model did not have the first yet): the
     * resource exists. A 409 like any duplicate, never a 500, and without the internal id.
     */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<Object> alreadyCreated(AggregateStreamCreationException e) {
        return problem(HttpStatus.CONFLICT, "already-exists", "A resource with this id already exists", Map.of());
    }

    /**
     * The id names an aggregate of another kind (ids are unique per kind, not across kinds, and some are chosen by
     * clients): for the kind asked for, there is no such thing.
     */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ResponseEntity<Object> otherKind(IncompatibleAggregateException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such resource: the id belongs to something else",
                Map.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-field",
                "'" + e.getName() + "' has an invalid value '" + e.getValue() + "'", Map.of("field", e.getName()));
    }

    /** Constraints on query parameters and path variables (controllers annotated {@code @Validated}). */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .sorted(java.util.Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                .map(violation -> Map.<String, Object>of("field", leaf(violation.getPropertyPath().toString()),
                        "message", violation.getMessage()))
                .toList();
        String fields = errors.stream().map(error -> String.valueOf(error.get("field"))).distinct()
                .collect(Collectors.joining(", "));
        return problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid parameter(s): " + fields,
                Map.of("errors", errors));
    }

    /** {@code search.district} → {@code district}: callers know parameters, not Java methods. */
    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (StoreOutage.causedBy(e)) {
            // Not a bug but a passing outage: tell the caller to try again. A timeout before the write recorded
            // nothing; a connection cut during the commit may have recorded it — a repeat with the same
            // Idempotency-Key (or the aggregate's version) makes trying again safe either way.
            log.warn("The store is unreachable: {}", e.toString());
            ResponseEntity<Object> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                    "The service cannot reach its store just now; try again shortly", Map.of());
            return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, "5").body(answer.getBody());
        }
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The request could not be completed; it has been logged", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandling::fieldError).toList();
        String fields = errors.stream().map(error -> String.valueOf(error.get("field"))).distinct()
                .collect(Collectors.joining(", "));
        return problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field(s): " + fields,
                Map.of("errors", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, Object>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.<String, Object>of(
                        "field", result.getMethodParameter().getParameterName() == null ? "parameter"
                                : result.getMethodParameter().getParameterName(),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid parameter(s)", Map.of("errors", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (e.getCause() instanceof JsonMappingException mapping) {
            String field = fieldPath(mapping);
            String detail;
            if (mapping instanceof UnrecognizedPropertyException) {
                detail = "Unknown field '" + field + "'";
            } else if (mapping instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                detail = "'" + field + "' must be one of "
                        + List.of(format.getTargetType().getEnumConstants()) + ", not '" + format.getValue() + "'";
            } else if (mapping instanceof InvalidFormatException format) {
                detail = "'" + field + "' has an invalid value '" + format.getValue() + "'";
            } else if (mapping instanceof ValueInstantiationException) {
                detail = "'" + field + "' is invalid: " + cause.getMessage();
            } else if (mapping instanceof MismatchedInputException) {
                detail = "'" + field + "' has the wrong type or is missing";
            } else {
                detail = "'" + field + "' cannot be read";
            }
            return problem(HttpStatus.BAD_REQUEST, "invalid-field", detail, Map.of("field", field));
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-body", "The request body is not valid JSON", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        // Spring's own MVC exceptions (method not allowed, media type, missing header...): keep their status,
        // give them our shape.
        HttpStatus known = HttpStatus.resolve(status.value());
        String type = known == null ? "http-error" : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (e instanceof org.springframework.web.bind.MissingServletRequestParameterException missing) {
            return problem(status, "invalid-field", "Required parameter '" + missing.getParameterName()
                    + "' is missing", Map.of("field", missing.getParameterName()));
        }
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : e.getMessage();
        return problem(status, type, detail, Map.of());
    }

    static ResponseEntity<Object> problem(HttpStatusCode status, String type, String detail,
                                          Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static Map<String, Object> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
    }

    private static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }
}
