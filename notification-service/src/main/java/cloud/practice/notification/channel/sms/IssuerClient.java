package cloud.practice.notification.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The issuer as this service calls it, with its own machine client ({@code notification-service}, client credentials,
 * scope {@code people:notify}): the token is kept until shortly before it expires and fetched again once within a
 * call the issuer answers 401. Sending SMS and reading their receipts share it, and the shape of their circuit
 * breakers.
 */
public final class IssuerClient {

    private final IssuerSmsSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    /** Opens for {@code circuit-open-for} once half of the last 20 calls (5 at least) failed. */
    private final CircuitBreakerConfig breakers;
    private volatile String token;
    private volatile Instant tokenUntil = Instant.EPOCH;

    public IssuerClient(IssuerSmsSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.breakers = CircuitBreakerConfig.custom()
                .slidingWindowSize(20).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(settings.circuitOpenFor())
                .build();
    }

    /** A circuit breaker for one kind of call to the issuer, counting as failures what {@code failed} says. */
    CircuitBreaker breaker(String name, Predicate<Throwable> failed) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.from(breakers).recordException(failed).build());
    }

    /** The issuer could not be asked, or refused this service's token: trying again later may help. */
    static final class Unavailable extends RuntimeException {

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One call with this service's token; the token is renewed and the call made again once if the issuer answers 401.
     *
     * @param path    the path (and query) below the issuer's URL
     * @param request what the call is besides its URL, timeout and token: method, headers, body
     * @throws Unavailable the issuer is unreachable, did not answer in time, or refused the token
     */
    HttpResponse<String> call(String path, Function<HttpRequest.Builder, HttpRequest.Builder> request) {
        HttpResponse<String> answer = send(path, request, token(false));
        return answer.statusCode() == 401 ? send(path, request, token(true)) : answer;
    }

    private HttpResponse<String> send(String path, Function<HttpRequest.Builder, HttpRequest.Builder> request,
                                      String bearer) {
        return exchange(request.apply(HttpRequest.newBuilder(URI.create(settings.issuerUrl() + path)))
                .timeout(settings.readTimeout())
                .header("Authorization", "Bearer " + bearer)
                .build());
    }

    private synchronized String token(boolean renew) {
        if (!renew && token != null && clock.instant().isBefore(tokenUntil)) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = exchange(HttpRequest.newBuilder(URI.create(settings.issuerUrl()
                        + "/oauth2/token"))
                .timeout(settings.readTimeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=people%3Anotify"))
                .build());
        if (answer.statusCode() != 200) {
            throw new Unavailable("the issuer refused this service's token: " + answer.statusCode(), null);
        }
        try {
            JsonNode granted = json.readTree(answer.body());
            token = granted.path("access_token").asText();
            long seconds = granted.path("expires_in").asLong(300);
            tokenUntil = clock.instant().plusSeconds(Math.max(0, seconds - 30));
            return token;
        } catch (IOException e) {
            throw new Unavailable("the issuer's token answer is not JSON", e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable("the issuer is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
    }
}
