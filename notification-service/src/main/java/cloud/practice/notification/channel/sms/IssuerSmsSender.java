package cloud.practice.notification.channel.sms;

import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.delivery.ChannelSender;
import cloud.practice.notification.delivery.DeliveryFailure;
import cloud.practice.notification.delivery.Outgoing;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a notice by SMS through the issuer: {@code POST /api/v1/people/accounts/{id}/sms?district=}, idempotent by the
 * delivery's reference, so a retry after a lost answer sends nothing twice. The issuer's token (client credentials)
 * is kept until shortly before it expires and fetched again once within an attempt when refused. A circuit breaker
 * stops attempts while the issuer is failing; the delivery's own back-off tries again later.
 */
public final class IssuerSmsSender implements ChannelSender {

    private final IssuerSmsSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private volatile String token;
    private volatile Instant tokenUntil = Instant.EPOCH;

    public IssuerSmsSender(IssuerSmsSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
        this.breaker = CircuitBreaker.of("issuer-sms", CircuitBreakerConfig.custom()
                .slidingWindowSize(20).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(settings.circuitOpenFor())
                .recordException(e -> e instanceof DeliveryFailure failure && !failure.permanent())
                .build());
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String send(Outgoing message) {
        try {
            return breaker.executeSupplier(() -> attempt(message));
        } catch (CallNotPermittedException open) {
            throw DeliveryFailure.retryable("the issuer's SMS is failing (circuit open)");
        }
    }

    private String attempt(Outgoing message) {
        HttpResponse<String> answer = post(message, token(false));
        if (answer.statusCode() == 401) {
            answer = post(message, token(true));
        }
        int status = answer.statusCode();
        if (status == 200) {
            return message.reference();
        }
        String problem = problemType(answer.body());
        if (status == 404 || status == 409 || status == 400 || status == 403) {
            throw DeliveryFailure.permanent("the issuer refused the SMS: " + status + " " + problem);
        }
        throw DeliveryFailure.retryable("the issuer could not send the SMS now: " + status + " " + problem);
    }

    private HttpResponse<String> post(Outgoing message, String bearer) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("reference", message.reference());
        body.put("kind", message.kind().id());
        body.put("text", "【新时代文明实践】" + message.title() + "：" + message.body());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(settings.issuerUrl() + "/api/v1/people/accounts/"
                            + URLEncoder.encode(message.accountId(), StandardCharsets.UTF_8) + "/sms?district="
                            + URLEncoder.encode(message.districtId(), StandardCharsets.UTF_8)))
                    .timeout(settings.readTimeout())
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw DeliveryFailure.retryable("the issuer is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("interrupted");
        }
    }

    private synchronized String token(boolean renew) {
        if (!renew && token != null && clock.instant().isBefore(tokenUntil)) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((settings.clientId() + ":" + settings.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(settings.issuerUrl()
                            + "/oauth2/token"))
                    .timeout(settings.readTimeout())
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=people%3Anotify"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw DeliveryFailure.retryable("the issuer refused this service's token: " + answer.statusCode());
            }
            JsonNode granted = json.readTree(answer.body());
            token = granted.path("access_token").asText();
            long seconds = granted.path("expires_in").asLong(300);
            tokenUntil = clock.instant().plusSeconds(Math.max(0, seconds - 30));
            return token;
        } catch (IOException e) {
            throw DeliveryFailure.retryable("the issuer is unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("interrupted");
        }
    }

    private String problemType(String body) {
        try {
            String type = json.readTree(body).path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }
}
