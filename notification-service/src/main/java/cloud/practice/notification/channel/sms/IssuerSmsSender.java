package cloud.practice.notification.channel.sms;

import cloud.practice.notification.delivery.Channel;
import cloud.practice.notification.delivery.ChannelSender;
import cloud.practice.notification.delivery.DeliveryFailure;
import cloud.practice.notification.delivery.Outgoing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sends a notice by SMS through the issuer: {@code POST /api/v1/people/accounts/{id}/sms?district=}, idempotent by the
 * delivery's reference, so a retry after a lost answer sends nothing twice. The issuer's token (client credentials)
 * is kept until shortly before it expires and fetched again once within an attempt when refused. A circuit breaker
 * stops attempts while the issuer is failing; the delivery's own back-off tries again later.
 */
public final class IssuerSmsSender implements ChannelSender {

    /** The issuer's refusals that say the person has no way to get a text (its 409 problem types). */
    private static final Set<String> UNREACHABLE = Set.of("account-closed", "account-disabled", "no-mobile");

    private final IssuerClient issuer;
    private final ObjectMapper json;
    private final CircuitBreaker breaker;

    public IssuerSmsSender(IssuerClient issuer, ObjectMapper json) {
        this.issuer = issuer;
        this.json = json;
        this.breaker = issuer.breaker("issuer-sms",
                e -> e instanceof DeliveryFailure failure && !failure.permanent());
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
        HttpResponse<String> answer;
        try {
            answer = post(message);
        } catch (IssuerClient.Unavailable e) {
            throw DeliveryFailure.retryable(e.getMessage(), e);
        }
        int status = answer.statusCode();
        if (status == 200) {
            return message.reference();
        }
        String problem = problemType(answer.body());
        if (status == 404 || (status == 409 && UNREACHABLE.contains(problem))) {
            // No such account in the district (a requester named by a system, not a person with an account), a closed
            // or disabled one, or no number: nobody can mend that, so no dead letter.
            throw DeliveryFailure.unreachable("no SMS to this person: " + status + " " + problem);
        }
        if (status == 409 || status == 400 || status == 403) {
            throw DeliveryFailure.permanent("the issuer refused the SMS: " + status + " " + problem);
        }
        throw DeliveryFailure.retryable("the issuer could not send the SMS now: " + status + " " + problem);
    }

    private HttpResponse<String> post(Outgoing message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("reference", message.reference());
        body.put("kind", message.kind().id());
        body.put("text", "【新时代文明实践】" + message.title() + "：" + message.body());
        String written;
        try {
            written = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an SMS request", e);
        }
        return issuer.call("/api/v1/people/accounts/" + URLEncoder.encode(message.accountId(), StandardCharsets.UTF_8)
                        + "/sms?district=" + URLEncoder.encode(message.districtId(), StandardCharsets.UTF_8),
                request -> request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(written)));
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
