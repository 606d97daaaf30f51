package cloud.practice.request.open311.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks go out of the platform's network only, judged from the URL as written (no DNS lookup). */
class CallbackAddressesTest {

    private final CallbackAddresses addresses = new CallbackAddresses(List.of("hotline.internal", "10.20.0.7"));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "https://hooks.example.org/practice,         allowed",
            "https://203.0.113.9/hook,                    allowed",
            "https://[2001:db8::1]/hook,                  allowed",
            "https://hotline.internal/hook,               allowed",
            "http://10.20.0.7:8080/hook,                  allowed",
            "https://HOTLINE.internal./hook,              allowed",
            "http://169.254.169.254/latest/meta-data,     refused",
            "http://127.0.0.1:8080/hook,                  refused",
            "http://127.1/hook,                           refused",
            "http://0.0.0.0/hook,                         refused",
            "http://10.20.0.8/hook,                       refused",
            "http://172.16.4.2/hook,                      refused",
            "http://192.168.1.1/hook,                     refused",
            "http://100.64.0.1/hook,                      refused",
            "http://224.0.0.1/hook,                       refused",
            "http://255.255.255.255/hook,                 refused",
            "http://[::1]/hook,                           refused",
            "http://[::]/hook,                            refused",
            "http://[fe80::1]/hook,                       refused",
            "http://[fd00::5]/hook,                       refused",
            "http://[::ffff:127.0.0.1]/hook,              refused",
            "http://localhost:8080/hook,                  refused",
            "http://LocalHost./hook,                      refused",
            "http://api.localhost/hook,                   refused",
            "http://request-service:8080/hook,            refused",
            "http://kafka.practice.svc.cluster.local/x,   refused",
            "http://metadata.google.internal/x,           refused"})
    void shouldRefuseLocalAndInternalHostsUnlessListed(String url, String expected) {
        assertThat(addresses.refusalAsWritten(URI.create(url)).isPresent()).as(url)
                .isEqualTo(expected.equals("refused"));
    }

    @Test
    void shouldRefuseADeliveryToANameThatResolvesInsideNow() throws Exception {
        // hooks.example.org was outside when subscribed; its DNS now answers with a private address (rebinding).
        InetAddress inside = InetAddress.getByName("10.0.3.4");
        InetAddress outside = InetAddress.getByName("203.0.113.9");
        CallbackAddresses rebinding = new CallbackAddresses(List.of("hotline.internal"), host -> switch (host) {
            case "hooks.example.org" -> new InetAddress[]{outside, inside};
            case "hotline.internal" -> new InetAddress[]{inside};
            default -> new InetAddress[]{outside};
        });

        assertThat(rebinding.refusalAsWritten(URI.create("https://hooks.example.org/x"))).isEmpty();
        assertThat(rebinding.refusalResolved(URI.create("https://hooks.example.org/x"))).get().asString()
                .contains("must point outside the platform's network").contains("resolves to 10.0.3.4");
        assertThat(rebinding.refusalResolved(URI.create("https://other.example.org/x"))).isEmpty();
        assertThat(rebinding.refusalResolved(URI.create("https://hotline.internal/x"))).as("listed by the operator")
                .isEmpty();
        assertThat(new CallbackAddresses(List.of(), host -> {
            throw new UnknownHostException(host);
        }).refusalResolved(URI.create("https://gone.example.org/x"))).as("left to the HTTP attempt, retried").isEmpty();
    }
}
