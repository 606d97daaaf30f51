package cloud.practice.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend on loopback (JDK {@code HttpServer}) standing in for one service: answers with a handler,
 * records every request it received, and can be stopped and started again on the same port (a backend going away
 * and coming back).
 */
public final class LoopbackBackend implements AutoCloseable {

    static {
        // As Tomcat does: no Nagle delay on small responses (else ~40 ms stalls on pooled connections).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What the backend saw of one request. */
    public record Received(String method, String uri, Headers headers, byte[] body) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    @FunctionalInterface
    public interface Handler {
        /** @param call 1 for the first request this backend receives, 2 for the second... */
        void handle(HttpExchange exchange, int call) throws Exception;
    }

    private final String name;
    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Handler handler;
    private HttpServer server;
    private ExecutorService executor;

    private LoopbackBackend(String name, int port, Handler handler) {
        this.name = name;
        this.handler = handler;
        this.port = start(port);
    }

    /** Echoes {@code <name> <method> <uri>} with 200. */
    public static LoopbackBackend echo(String name) {
        return new LoopbackBackend(name, 0, null);
    }

    public static LoopbackBackend with(String name, Handler handler) {
        return new LoopbackBackend(name, 0, handler);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int calls() {
        return calls.get();
    }

    public List<Received> received() {
        return received;
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    public void reset() {
        received.clear();
        calls.set(0);
    }

    public void handler(Handler handler) {
        this.handler = handler;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Starts again on the same port. */
    public synchronized void restart() {
        if (server == null) {
            start(port);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized int start(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int call = calls.incrementAndGet();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        copy(exchange.getRequestHeaders()), body));
                Handler current = handler;
                if (current == null) {
                    respond(exchange, 200, "text/plain", name + " " + exchange.getRequestMethod() + " "
                            + exchange.getRequestURI());
                } else {
                    current.handle(exchange, call);
                }
            } catch (IOException e) {
                // the gateway gave up on this request (timeout): nothing to answer
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        headers.forEach(copy::put);
        return copy;
    }
}
