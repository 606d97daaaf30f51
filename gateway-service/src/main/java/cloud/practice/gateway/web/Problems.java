package cloud.practice.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway's own answers as RFC 9457 problem+json, in the shape every service uses ({@code ProblemHandling} in
 * service-support): {@code type} = {@code https://practice.cloud/problems/<code>}, {@code title}, {@code status},
 * {@code detail}, then extra properties. Every gateway problem also carries the request's {@code correlationId}.
 */
@Component
public class Problems {

    public static final String TYPE_BASE = "https://practice.cloud/problems/";

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    /** Writes the problem unless the response is already committed (then the connection is all we can close). */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail,
                            Map<String, Object> properties) {
        return write(exchange, status, code, detail, properties, null);
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String detail,
                            Map<String, Object> properties, Duration retryAfter) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        exchange.getAttributes().put(RejectionReason.ATTRIBUTE, code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + code);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.putAll(properties);
        String correlationId = exchange.getAttribute(CorrelationIdFilter.ATTRIBUTE);
        if (correlationId != null) {
            body.put("correlationId", correlationId);
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem body is plain data and always serialisable", e);
        }
        // Headers a backend attempt may have left (content length, encoding, its own type) must not survive.
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.remove(HttpHeaders.ETAG);
        response.setStatusCode(status);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ceilSeconds(retryAfter))));
        }
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }
}
