package cloud.practice.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault of the proxy as a client sees it, in front of a loopback echo server. */
class TcpProxyTest {

    ServerSocket echo;
    TcpProxy proxy;

    @BeforeEach
    void startEchoServerBehindTheProxy() throws IOException {
        echo = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread pump = new Thread(() -> {
                        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    });
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = new TcpProxy("127.0.0.1:" + echo.getLocalPort());
        proxy.start();
    }

    @AfterEach
    void stopBoth() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void shouldForwardBothWays() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "你好")).isEqualTo("你好");
        }
    }

    @Test
    void shouldDelayEveryChunkByTheLatency() throws IOException {
        proxy.latency(Duration.ofMillis(150));
        try (Socket client = connect()) {
            long start = System.nanoTime();
            assertThat(roundTrip(client, "slow")).isEqualTo("slow");
            // a lower bound only (a chunk each way waits 150 ms): a slow machine cannot make it fail
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void shouldResetOpenConnectionsAndStillAcceptNewOnes() throws IOException {
        Socket open = connect();
        assertThat(roundTrip(open, "before")).isEqualTo("before");
        proxy.resetConnections();
        assertThatThrownBy(() -> {
            // the first write may still be buffered; the reset shows by the next read at the latest
            roundTrip(open, "after");
            roundTrip(open, "after");
        }).isInstanceOf(IOException.class);
        open.close();
        try (Socket fresh = connect()) {
            assertThat(roundTrip(fresh, "again")).isEqualTo("again");
        }
    }

    @Test
    void shouldLeaveNewConnectionsUnansweredInABlackhole() throws IOException {
        proxy.blackhole(true);
        try (Socket dropped = connect()) {
            dropped.setSoTimeout(300);
            dropped.getOutputStream().write("anyone?".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> dropped.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
        proxy.blackhole(false);
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "back")).isEqualTo("back");
        }
    }

    @Test
    void shouldRefuseClientsWhileTheTargetIsDownAndForwardAgainOnceItIsBack() throws IOException {
        // The target's port is held by a socket that is bound but never listens: a connection to it is refused, and
        // nothing else can take the port until the target comes back on it.
        Socket placeholder = new Socket();
        placeholder.bind(new InetSocketAddress("127.0.0.1", 0));
        int port = placeholder.getLocalPort();
        try (TcpProxy toTarget = new TcpProxy("127.0.0.1:" + port)) {
            toTarget.start();
            try (Socket refused = connect(toTarget)) {
                assertThat(refused.getInputStream().read()).as("closed by the proxy, not left hanging").isEqualTo(-1);
            }
            placeholder.close();
            try (ServerSocket back = new ServerSocket()) { // the target restarts on its port
                back.setReuseAddress(true);
                back.bind(new InetSocketAddress("127.0.0.1", port));
                Thread acceptor = new Thread(() -> {
                    try (Socket socket = back.accept(); InputStream in = socket.getInputStream();
                         OutputStream out = socket.getOutputStream()) {
                        in.transferTo(out);
                    } catch (IOException ignored) {
                        // the client went away
                    }
                });
                acceptor.setDaemon(true);
                acceptor.start();
                try (Socket client = connect(toTarget)) {
                    assertThat(roundTrip(client, "重启后")).isEqualTo("重启后");
                }
            }
        }
    }

    private Socket connect() throws IOException {
        return connect(proxy);
    }

    private static Socket connect(TcpProxy through) throws IOException {
        String[] hostPort = through.address().split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** Sends the text and reads the echo back. */
    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        byte[] answer = socket.getInputStream().readNBytes(bytes.length);
        if (answer.length < bytes.length) {
            throw new IOException("connection closed after " + answer.length + " bytes");
        }
        return new String(answer, StandardCharsets.UTF_8);
    }
}
