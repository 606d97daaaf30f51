package cloud.practice.notification.channel.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of the parts of WeChat's server API the notification service uses, on a free loopback port, answering
 * as WeChat documents it:
 * <ul>
 *   <li>{@code POST /cgi-bin/stable_token} (getStableAccessToken): JSON {@code grant_type=client_credential},
 *       {@code appid}, {@code secret}, {@code force_refresh}; in normal mode the current token while it is valid, a
 *       new one after {@link #expireTokens()}; forced, a new one that invalidates the old;</li>
 *   <li>{@code GET /cgi-bin/token} (getAccessToken): a new token on every call;</li>
 *   <li>{@code POST /cgi-bin/message/subscribe/send?access_token=}: the token checked (41001 missing, 40001 unknown,
 *       42001 expired), {@code touser} (40003), {@code template_id} (40037), each {@code data} value against the
 *       documented limits of its key's type (47003 naming the key), a person who refused ({@link #refuseSubscription},
 *       43101); accepted messages are kept in {@link #sent()} and answered with a {@code msgid};</li>
 *   <li>{@code GET /sns/jscode2session}: a code registered with {@link #openidFor} answers its openid and a
 *       {@code session_key} once; used again 40163; unknown 40029.</li>
 * </ul>
 * The app's credentials are {@link #APP_ID} and {@link #APP_SECRET} (others: 40013 / 40125). The next call of an
 * endpoint can be made to answer an errcode, an HTTP status, or nothing at all (it hangs until the fake closes, for
 * timeouts). Requests are handled on a thread pool, so one hanging call does not hold up others.
 * <pre>
 * try (WeChatFake wechat = WeChatFake.start()) {
 *     settings: base-url = wechat.baseUrl(), app-id = WeChatFake.APP_ID, app-secret = WeChatFake.APP_SECRET
 *     String openid = wechat.openidFor("code-1");   // the mini-program's wx.login code
 *     ... send ...
 *     assertThat(wechat.sent()).singleElement().satisfies(m -> m.path("touser").asText().equals(openid));
 * }
 * </pre>
 */
public final class WeChatFake implements AutoCloseable {

    public static final String APP_ID = "wx0123456789abcdef";
    public static final String APP_SECRET = "fake-app-secret-0123456789abcdef";

    /** The calls whose next answer can be scripted. */
    public enum Endpoint {
        /** Both token endpoints. */
        TOKEN,
        /** message/subscribe/send. */
        SEND,
        /** jscode2session. */
        CODE2SESSION
    }

    private static final Pattern KEY = Pattern.compile("([a-z_]+?)(\\d+)");
    private static final String TIME = "\\d{1,2}:\\d{2}(:\\d{2})?";
    private static final String DATE = "(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{1,2}月\\d{1,2}日)";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "wechat-fake");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<Endpoint, Queue<Fault>> faults = new EnumMap<>(Endpoint.class);
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final List<JsonNode> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> refusingOpenids = ConcurrentHashMap.newKeySet();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, String> codeRequests = new ConcurrentHashMap<>();
    private final AtomicInteger sendCalls = new AtomicInteger();
    private final AtomicInteger code2SessionCalls = new AtomicInteger();
    private final AtomicLong msgids = new AtomicLong(294402298110051942L);
    private final AtomicLong rids = new AtomicLong();
    private volatile String stableToken;

    private WeChatFake() throws IOException {
        for (Endpoint endpoint : Endpoint.values()) {
            faults.put(endpoint, new ConcurrentLinkedQueue<>());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A fake listening on a free loopback port. */
    public static WeChatFake start() {
        try {
            return new WeChatFake();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the setting {@code practice.notification.wechat.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The messages accepted, as the JSON bodies received ({@code touser}, {@code template_id}, {@code data}, …). */
    public List<JsonNode> sent() {
        return List.copyOf(sent);
    }

    /** subscribe/send calls received, accepted or not. */
    public int sendCalls() {
        return sendCalls.get();
    }

    /** Token fetches received, from either endpoint (the stable one's JSON bodies: {@link #tokenRequests()}). */
    public int tokenCalls() {
        return tokenRequests.size();
    }

    /** The bodies of the token requests (for {@code GET /cgi-bin/token}, its query as a JSON object). */
    public List<JsonNode> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** The distinct access tokens handed out, oldest first. */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    /** jscode2session calls received. */
    public int code2SessionCalls() {
        return code2SessionCalls.get();
    }

    /** The query of the last jscode2session call, by parameter. */
    public Map<String, String> lastCode2SessionQuery() {
        return Map.copyOf(codeRequests);
    }

    /** Registers a wx.login code for a new person: its openid (28 characters, as WeChat's). */
    public String openidFor(String code) {
        String openid = "o" + UUID.nameUUIDFromBytes(code.getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "").substring(0, 27);
        return openidFor(code, openid);
    }

    /** Registers a wx.login code of the person {@code openid}. */
    public String openidFor(String code, String openid) {
        codes.put(code, openid);
        return openid;
    }

    /** The person {@code openid} has not subscribed (or withdrew consent): messages to them answer 43101. */
    public WeChatFake refuseSubscription(String openid) {
        refusingOpenids.add(openid);
        return this;
    }

    /** Every token issued so far runs out: calls with one answer 42001, and the next fetch gets a new token. */
    public WeChatFake expireTokens() {
        synchronized (this) {
            expiredTokens.addAll(validTokens);
            validTokens.clear();
            stableToken = null;
        }
        return this;
    }

    /** The next subscribe/send answers HTTP 200 with {@code errcode}. */
    public WeChatFake failNext(int errcode) {
        return failNext(Endpoint.SEND, errcode);
    }

    public WeChatFake failNext(Endpoint endpoint, int errcode) {
        faults.get(endpoint).add(new Fault(errcode, 200, false));
        return this;
    }

    /** The next subscribe/send answers HTTP {@code status} with no JSON. */
    public WeChatFake failNextWithStatus(int status) {
        return failNextWithStatus(Endpoint.SEND, status);
    }

    public WeChatFake failNextWithStatus(Endpoint endpoint, int status) {
        faults.get(endpoint).add(new Fault(0, status, false));
        return this;
    }

    /** The next subscribe/send is never answered (until the fake closes): the caller's read timeout runs out. */
    public WeChatFake hangNext() {
        return hangNext(Endpoint.SEND);
    }

    public WeChatFake hangNext(Endpoint endpoint) {
        faults.get(endpoint).add(new Fault(0, 0, true));
        return this;
    }

    /** Stops listening (later calls are refused) and lets hanging calls go. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    // --- the endpoints ---------------------------------------------------------------------------------------------

    private record Fault(int errcode, int status, boolean hang) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/cgi-bin/stable_token" -> stableToken(exchange);
                case "/cgi-bin/token" -> token(exchange, query);
                case "/cgi-bin/message/subscribe/send" -> subscribeSend(exchange, query);
                case "/sns/jscode2session" -> code2Session(exchange, query);
                default -> replyHtml(exchange, 404, "<html>not found</html>");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stableToken(HttpExchange exchange) throws IOException, InterruptedException {
        JsonNode body = body(exchange);
        tokenRequests.add(body);
        if (fault(exchange, Endpoint.TOKEN)) {
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 43002, "require POST method");
            return;
        }
        if (!credentialsValid(exchange, "client_credential".equals(body.path("grant_type").asText()),
                body.path("appid").asText(), body.path("secret").asText())) {
            return;
        }
        String token;
        synchronized (this) {
            if (body.path("force_refresh").asBoolean(false) && stableToken != null) {
                validTokens.remove(stableToken);
                stableToken = null;
            }
            if (stableToken == null) {
                stableToken = issue();
            }
            token = stableToken;
        }
        reply(exchange, 200, object().put("access_token", token).put("expires_in", 7200));
    }

    private void token(HttpExchange exchange, Map<String, String> query) throws IOException, InterruptedException {
        tokenRequests.add(json.valueToTree(query));
        if (fault(exchange, Endpoint.TOKEN) || !credentialsValid(exchange,
                "client_credential".equals(query.get("grant_type")), query.get("appid"), query.get("secret"))) {
            return;
        }
        reply(exchange, 200, object().put("access_token", issue()).put("expires_in", 7200));
    }

    private void subscribeSend(HttpExchange exchange, Map<String, String> query) throws IOException, InterruptedException {
        sendCalls.incrementAndGet();
        JsonNode body = body(exchange);
        if (fault(exchange, Endpoint.SEND)) {
            return;
        }
        String token = query.get("access_token");
        if (token == null || token.isEmpty()) {
            error(exchange, 41001, "access_token missing");
        } else if (expiredTokens.contains(token)) {
            error(exchange, 42001, "access_token expired");
        } else if (!validTokens.contains(token)) {
            error(exchange, 40001, "invalid credential, access_token is invalid or not latest");
        } else if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 43002, "require POST method");
        } else if (body.path("touser").asText("").isBlank()) {
            error(exchange, 40003, "invalid openid");
        } else if (body.path("template_id").asText("").isBlank()) {
            error(exchange, 40037, "invalid template_id");
        } else if (refusingOpenids.contains(body.path("touser").asText())) {
            error(exchange, 43101, "user refuse to accept the msg");
        } else {
            String refused = dataRefusal(body.path("data"));
            if (refused != null) {
                error(exchange, 47003, "argument invalid! " + refused);
                return;
            }
            sent.add(body);
            reply(exchange, 200, object().put("errcode", 0).put("errmsg", "ok").put("msgid",
                    msgids.incrementAndGet()));
        }
    }

    private void code2Session(HttpExchange exchange, Map<String, String> query)
            throws IOException, InterruptedException {
        code2SessionCalls.incrementAndGet();
        codeRequests.clear();
        codeRequests.putAll(query);
        if (fault(exchange, Endpoint.CODE2SESSION)) {
            return;
        }
        if (!credentialsValid(exchange, "authorization_code".equals(query.get("grant_type")), query.get("appid"),
                query.get("secret"))) {
            return;
        }
        String code = query.getOrDefault("js_code", "");
        String openid = codes.get(code);
        if (openid == null) {
            error(exchange, 40029, "invalid code");
        } else if (!usedCodes.add(code)) {
            error(exchange, 40163, "code been used");
        } else {
            reply(exchange, 200, object().put("session_key", "fake-session-key-" + UUID.randomUUID())
                    .put("openid", openid));
        }
    }

    /** The documented limits of each value type (订阅消息参数值内容限制说明); the first value outside them, or null. */
    private String dataRefusal(JsonNode data) {
        if (!data.isObject() || data.isEmpty()) {
            return "data is empty";
        }
        for (Map.Entry<String, JsonNode> entry : data.properties()) {
            Matcher key = KEY.matcher(entry.getKey());
            String value = entry.getValue().path("value").asText("");
            String field = "data." + entry.getKey() + ".value";
            if (!key.matches()) {
                return field + " is not a template key";
            }
            int length = value.codePointCount(0, value.length());
            if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
                return field + " is empty or has control characters";
            }
            boolean fits = switch (key.group(1)) {
                case "thing" -> length <= 20;
                case "number" -> length <= 32 && value.matches("\\d+(\\.\\d+)?");
                case "letter" -> length <= 32 && value.matches("[A-Za-z]+");
                case "symbol" -> length <= 5 && value.codePoints().noneMatch(Character::isLetterOrDigit);
                case "character_string" -> length <= 32 && value.matches("[\\x20-\\x7E]+");
                case "time" -> value.matches("(" + DATE + " )?" + TIME + "(~(" + DATE + " )?" + TIME + ")?");
                case "date" -> value.matches(DATE + "( " + TIME + ")?(~" + DATE + "( " + TIME + ")?)?");
                case "amount" -> value.matches("\\p{Sc}?\\d{1,10}(\\.\\d{1,2})?元?");
                case "phone_number" -> length <= 17 && value.matches("[0-9+\\-() ]+");
                case "car_number" -> length <= 8;
                case "name" -> value.codePoints().anyMatch(WeChatFake::han) ? length <= 10 : length <= 20;
                case "phrase" -> length <= 5 && value.codePoints().allMatch(WeChatFake::han);
                case "enum" -> true;
                default -> false;
            };
            if (!fits) {
                return field + " invalid for its type";
            }
        }
        return null;
    }

    private boolean credentialsValid(HttpExchange exchange, boolean grantType, String appId, String secret)
            throws IOException {
        if (!grantType) {
            error(exchange, 40002, "invalid grant_type");
        } else if (!APP_ID.equals(appId)) {
            error(exchange, 40013, "invalid appid");
        } else if (!APP_SECRET.equals(secret)) {
            error(exchange, 40125, "invalid appsecret");
        } else {
            return true;
        }
        return false;
    }

    /** The scripted answer of the next call of {@code endpoint}, if any; true when it was given. */
    private boolean fault(HttpExchange exchange, Endpoint endpoint) throws IOException, InterruptedException {
        Fault fault = faults.get(endpoint).poll();
        if (fault == null) {
            return false;
        }
        if (fault.hang()) {
            closing.await(60, TimeUnit.SECONDS);
        } else if (fault.status() != 200) {
            replyHtml(exchange, fault.status(), "<html><body>" + fault.status() + "</body></html>");
        } else {
            error(exchange, fault.errcode(), switch (fault.errcode()) {
                case -1 -> "system error";
                case 40001 -> "invalid credential, access_token is invalid or not latest";
                case 42001 -> "access_token expired";
                case 43101 -> "user refuse to accept the msg";
                case 45009 -> "reach max api daily quota limit";
                case 47003 -> "argument invalid! data.thing1.value invalid";
                default -> "scripted error";
            });
        }
        return true;
    }

    private synchronized String issue() {
        String token = "fake-token-" + (issuedTokens.size() + 1) + "-" + UUID.randomUUID();
        issuedTokens.add(token);
        validTokens.add(token);
        return token;
    }

    private void error(HttpExchange exchange, int errcode, String errmsg) throws IOException {
        reply(exchange, 200, object().put("errcode", errcode)
                .put("errmsg", errmsg + " rid: fake-" + rids.incrementAndGet()));
    }

    private ObjectNode object() {
        return json.createObjectNode();
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return object();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException notJson) {
            return object();
        }
    }

    private void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; encoding=utf-8");
        write(exchange, status, json.writeValueAsBytes(body));
    }

    private static void replyHtml(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        write(exchange, status, html.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                    nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static boolean han(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
