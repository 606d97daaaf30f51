package cloud.practice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder for fault tests: a client configured with {@link #address()} reaches the target only
 * while the proxy is started. Stopping it refuses new connections and cuts the open ones; {@link #resetConnections}
 * cuts the open ones but keeps accepting; {@link #latency} delays every chunk forwarded in either direction;
 * {@link #blackhole} accepts new connections but never forwards them (a silent, dropped link: only timeouts help).
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    private volatile long latencyMillis;
    private volatile boolean blackhole;
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

    public TcpProxy(String target) {
        String[] hostPort = target.split(":");
        this.targetHost = hostPort[0];
        this.targetPort = Integer.parseInt(hostPort[1]);
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Connections accepted so far: proof that clients came through the proxy at all. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Every chunk forwarded from now on waits this long first (0: none), as on a slow or distant link. */
    public void latency(java.time.Duration latency) {
        this.latencyMillis = latency.toMillis();
    }

    /** While on, new connections are accepted and then left unanswered; connections already open keep working. */
    public void blackhole(boolean on) {
        this.blackhole = on;
    }

    /** Cuts every open connection, as a network reset would; new connections are accepted as before. */
    public void resetConnections() {
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0); // RST, not FIN
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    public synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private void accept() {
        ServerSocket listening = server;
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                return; // stopped
            }
            accepted.incrementAndGet();
            if (blackhole) {
                sockets.add(client); // held open, never read or answered
                continue;
            }
            Socket target;
            try {
                target = new Socket(targetHost, targetPort);
            } catch (IOException e) {
                // The target is down (a test killed it): this client is refused, later ones get through again.
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            sockets.add(target);
            pump(client, target);
            pump(target, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long delay = latencyMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // a side closed: the other follows
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(to);
                sockets.remove(from); // a proxy that lives as long as a whole suite's platform must not pile them up
                sockets.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
