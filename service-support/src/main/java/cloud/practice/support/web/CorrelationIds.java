package cloud.practice.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of the request being served: the caller's (the gateway passes it on) when well-formed, a new
 * one otherwise. Echoed on the response, put in the log context, and attached to every command the request sends,
 * from where Axon copies it onto the events and the Kafka relay into the CloudEvents {@code correlationid}.
 */
public class CorrelationIds extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-Id";
    static final String MDC_KEY = "correlationId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** The correlation id of the request this thread serves, or null outside a request. */
    public static String current() {
        return CURRENT.get();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String id = given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        CURRENT.set(id);
        MDC.put(MDC_KEY, id);
        response.setHeader(HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
            MDC.remove(MDC_KEY);
        }
    }
}
