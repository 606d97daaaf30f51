package cloud.practice.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.Map;

/**
 * Whatever no filter answered becomes problem+json too: no route (404 {@code not-found}), a method a route does not
 * take (405), a timeout outside a guarded route (504), and anything unexpected (500 {@code internal-error}, logged,
 * never a stack trace to the caller).
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final Problems problems;
    private final GatewayMetrics metrics;

    public ProblemErrorHandler(Problems problems, GatewayMetrics metrics) {
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus known = HttpStatus.resolve(status.getStatusCode().value());
            HttpStatus http = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
            if (http == HttpStatus.NOT_FOUND) {
                metrics.rejected(exchange, "not-found");
                return problems.write(exchange, http, "not-found",
                        "No service answers " + exchange.getRequest().getPath().value(), Map.of());
            }
            String code = http.name().toLowerCase(Locale.ROOT).replace('_', '-');
            metrics.rejected(exchange, code);
            return problems.write(exchange, http, code,
                    status.getReason() != null ? status.getReason() : http.getReasonPhrase(), Map.of());
        }
        log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(),
                PersonalDataMask.mask(exchange.getRequest().getPath().value()), error);
        metrics.rejected(exchange, "internal-error");
        return problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The request could not be completed; it has been logged", Map.of());
    }
}
