package cloud.practice.notification.channel.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * WeChat's HTTP API as this channel calls it: JSON answers carrying {@code errcode}/{@code errmsg} on HTTP 200 (no
 * {@code errcode} means success), anything but a 2xx an outage. The query of a call carries the app secret or an
 * access token, so no message here ever names the URL.
 */
final class WeChatApi {

    private final String baseUrl;
    private final Duration readTimeout;
    private final HttpClient http;
    private final ObjectMapper json;

    WeChatApi(WeChatSettings settings, ObjectMapper json) {
        this.baseUrl = settings.baseUrl().endsWith("/")
                ? settings.baseUrl().substring(0, settings.baseUrl().length() - 1) : settings.baseUrl();
        this.readTimeout = settings.readTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.json = json;
    }

    /** An answer of HTTP 200: its JSON, an empty object when it was none. */
    record Answer(JsonNode body) {

        int errcode() {
            return body.path("errcode").asInt(0);
        }

        /** WeChat's own words on an error, with its request id ({@code rid}); short, for the delivery log. */
        String errmsg() {
            String message = body.path("errmsg").asText("");
            return message.length() > 160 ? message.substring(0, 160) + "…" : message;
        }
    }

    Answer get(String path, Map<String, String> query) {
        return call(HttpRequest.newBuilder(uri(path, query)).GET(), path);
    }

    Answer post(String path, Map<String, String> query, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a WeChat request", e);
        }
        return call(HttpRequest.newBuilder(uri(path, query)).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), path);
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    private Answer call(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(readTimeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new WeChatUnavailable("WeChat " + path + " did not answer in time (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new WeChatUnavailable("WeChat " + path + " unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WeChatUnavailable("interrupted while calling WeChat " + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new WeChatUnavailable("WeChat " + path + " answered HTTP " + response.statusCode());
        }
        try {
            String body = response.body();
            JsonNode parsed = json.readTree(body == null || body.isBlank() ? "{}" : body);
            return new Answer(parsed.isObject() ? parsed : json.createObjectNode());
        } catch (IOException e) {
            throw new WeChatUnavailable("WeChat " + path + " answered HTTP " + response.statusCode()
                    + " with a body that is not JSON");
        }
    }

    private URI uri(String path, Map<String, String> query) {
        String parameters = query.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + path + (parameters.isEmpty() ? "" : "?" + parameters));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
