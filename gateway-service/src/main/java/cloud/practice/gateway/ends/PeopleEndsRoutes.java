package cloud.practice.gateway.ends;

import cloud.practice.gateway.ends.PeopleEndsFiles.StaticFile;
import cloud.practice.gateway.web.GatewayMetrics;
import cloud.practice.gateway.web.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Map;
import java.util.Set;

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
 * Every answer carries a strict Content-Security-Policy (nothing from elsewhere — but a district's map tile server when
 * one is configured ({@link MapTiles}) — no inline script, no eval, no framing) and the usual hardening headers. Two
 * allowances serve the HEIC photo converter, loaded only when a phone picks a HEIC photo (ADR 0021): WebAssembly may be
 * compiled ({@code 'wasm-unsafe-eval'}, which allows no JavaScript eval) and a worker may start from a {@code blob:}
 * the page made itself.
 * {@code /app/settings.json} tells the pages what is configured. Pages are revalidated on each load ({@code no-cache} with an ETag), hashed assets cached
 * for a year ({@code immutable}); text types are gzipped by the server's compression like everything else.
 * <p>
 * A router function: WebFlux asks its mapping (order -1) before the gateway's route mapping (order 1), so no backend
 * route, however wide its paths, can take {@code /app}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MapTiles.class)
public class PeopleEndsRoutes {

    /** The route name in metrics and the access log. */
    public static final String ROUTE = "app";
    static final String PREFIX = "/app/";
    /** The policy with nothing from elsewhere; a district's map tiles add their origins to {@code img-src}. */
    static final String POLICY = policy(Set.of());
    /** The settings the pages read at start: today the map tiles ({@code {"map": {}}} when none are configured). */
    static final String SETTINGS = PREFIX + "settings.json";

    static String policy(Set<String> imageOrigins) {
        String images = imageOrigins.isEmpty() ? "" : " " + String.join(" ", imageOrigins);
        return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; "
                + "style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:" + images + "; font-src 'self' data:; connect-src 'self'; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";
    }

    static Map<String, String> securityHeaders(MapTiles map) {
        return Map.of(
                "Content-Security-Policy", policy(map.origins()),
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "same-origin",
                // The order form may ask for the phone's location; nothing else of the device.
                "Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
    }

    @Bean
    PeopleEndsFiles peopleEndsFiles(ResourceLoader loader) {
        return PeopleEndsFiles.load(loader);
    }

    @Bean
    RouterFunction<ServerResponse> peopleEnds(PeopleEndsFiles files, Problems problems, GatewayMetrics metrics,
                                              MapTiles map) {
        Map<String, String> headers = securityHeaders(map);
        Map<String, Object> settings = Map.of("map", map.forPages());
        RequestPredicate read = method(HttpMethod.GET).or(method(HttpMethod.HEAD));
        return RouterFunctions.route()
                .route(path("/app").and(read), request -> secured(request, headers,
                        ServerResponse.status(HttpStatus.FOUND)).location(URI.create(PREFIX + query(request))).build())
                .route(path(SETTINGS).and(read), request -> secured(request, headers, ServerResponse.ok())
                        .cacheControl(CacheControl.noCache())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(settings))
                .route(path("/app/**").and(read), request -> serve(request, headers, files, problems, metrics))
                .route(path("/app").or(path("/app/**")), request -> secured(request, headers,
                        ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED))
                        .allow(HttpMethod.GET, HttpMethod.HEAD)
                        .build((exchange, context) -> {
                            metrics.rejected(exchange, "method-not-allowed");
                            return problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                                    "The people's ends are read-only: GET or HEAD", Map.of());
                        }))
                .build();
    }

    private static Mono<ServerResponse> serve(ServerRequest request, Map<String, String> headers, PeopleEndsFiles files,
                                              Problems problems, GatewayMetrics metrics) {
        // The raw path, compared by exact name: an encoded or dotted path is simply not one of the files.
        String path = request.requestPath().pathWithinApplication().value();
        StaticFile file = path.startsWith(PREFIX) ? files.find(path.substring(PREFIX.length())).orElse(null) : null;
        if (file == null) {
            return secured(request, headers, ServerResponse.status(HttpStatus.NOT_FOUND)).build((exchange, context) -> {
                metrics.rejected(exchange, "not-found");
                return problems.write(exchange, HttpStatus.NOT_FOUND, "not-found",
                        "The people's ends have no file " + path, Map.of());
            });
        }
        // With the ETag set, WebFlux answers a matching If-None-Match with 304 and these headers, no body.
        return secured(request, headers, ServerResponse.ok())
                .cacheControl(file.caching())
                .eTag(file.etag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .contentType(file.type())
                .contentLength(file.bytes().length)
                .bodyValue(file.bytes());
    }

    private static ServerResponse.BodyBuilder secured(ServerRequest request, Map<String, String> headers,
                                                      ServerResponse.BodyBuilder answer) {
        request.attributes().put(GatewayMetrics.LOCAL_ROUTE_ATTRIBUTE, ROUTE);
        return answer.headers(set -> headers.forEach(set::set));
    }

    private static String query(ServerRequest request) {
        String query = request.uri().getRawQuery();
        return query == null ? "" : "?" + query;
    }
}
