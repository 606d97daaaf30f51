package cloud.practice.gateway.ends;

import cloud.practice.gateway.ends.PeopleEndsFiles.StaticFile;
import cloud.practice.gateway.web.GatewayMetrics;
import cloud.practice.gateway.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Map;

import static org.springframework.web.reactive.function.server.RequestPredicates.method;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;

/**
 * The people's ends at {@code /app/} (ADR 0017): the residents' and volunteers' app ({@code /app/}, {@code
 * /app/index.html}), the TV page ({@code /app/tv.html}), the staff console ({@code /app/console.html}) and their hashed
 * assets ({@code /app/assets/**}), from the web
 * module's files ({@link PeopleEndsFiles}). Anonymous (TokenCheckFilter): the pages log their person in, and their
 * data calls carry the person's token. Vue routes by the URL's hash, so no other path exists: anything else below
 * {@code /app/} is a 404 problem, never a directory listing or a fallback page.
 * <p>
 * Every answer carries a strict Content-Security-Policy (nothing from elsewhere, no inline script, no framing) and the
 * usual hardening headers. Pages are revalidated on each load ({@code no-cache} with an ETag), hashed assets cached
 * for a year ({@code immutable}); text types are gzipped by the server's compression like everything else.
 * <p>
 * A router function: WebFlux asks its mapping (order -1) before the gateway's route mapping (order 1), so no backend
 * route, however wide its paths, can take {@code /app}.
 */
@Configuration(proxyBeanMethods = false)
public class PeopleEndsRoutes {

    /** The route name in metrics and the access log. */
    public static final String ROUTE = "app";
    static final String PREFIX = "/app/";
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin",
            // The order form may ask for the phone's location; nothing else of the device.
            "Permissions-Policy", "geolocation=(self), camera=(), microphone=()");

    @Bean
    PeopleEndsFiles peopleEndsFiles(ResourceLoader loader) {
        return PeopleEndsFiles.load(loader);
    }

    @Bean
    RouterFunction<ServerResponse> peopleEnds(PeopleEndsFiles files, Problems problems, GatewayMetrics metrics) {
        RequestPredicate read = method(HttpMethod.GET).or(method(HttpMethod.HEAD));
        return RouterFunctions.route()
                .route(path("/app").and(read), request -> secured(request, ServerResponse.status(HttpStatus.FOUND))
                        .location(URI.create(PREFIX + query(request))).build())
                .route(path("/app/**").and(read), request -> serve(request, files, problems, metrics))
                .route(path("/app").or(path("/app/**")), request -> secured(request,
                        ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED))
                        .allow(HttpMethod.GET, HttpMethod.HEAD)
                        .build((exchange, context) -> {
                            metrics.rejected(exchange, "method-not-allowed");
                            return problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                                    "The people's ends are read-only: GET or HEAD", Map.of());
                        }))
                .build();
    }

    private static Mono<ServerResponse> serve(ServerRequest request, PeopleEndsFiles files, Problems problems,
                                              GatewayMetrics metrics) {
        // The raw path, compared by exact name: an encoded or dotted path is simply not one of the files.
        String path = request.requestPath().pathWithinApplication().value();
        StaticFile file = path.startsWith(PREFIX) ? files.find(path.substring(PREFIX.length())).orElse(null) : null;
        if (file == null) {
            return secured(request, ServerResponse.status(HttpStatus.NOT_FOUND)).build((exchange, context) -> {
                metrics.rejected(exchange, "not-found");
                return problems.write(exchange, HttpStatus.NOT_FOUND, "not-found",
                        "The people's ends have no file " + path, Map.of());
            });
        }
        // With the ETag set, WebFlux answers a matching If-None-Match with 304 and these headers, no body.
        return secured(request, ServerResponse.ok())
                .cacheControl(file.caching())
                .eTag(file.etag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .contentType(file.type())
                .contentLength(file.bytes().length)
                .bodyValue(file.bytes());
    }

    private static ServerResponse.BodyBuilder secured(ServerRequest request, ServerResponse.BodyBuilder answer) {
        request.attributes().put(GatewayMetrics.LOCAL_ROUTE_ATTRIBUTE, ROUTE);
        return answer.headers(headers -> SECURITY_HEADERS.forEach(headers::set));
    }

    private static String query(ServerRequest request) {
        String query = request.uri().getRawQuery();
        return query == null ? "" : "?" + query;
    }
}
