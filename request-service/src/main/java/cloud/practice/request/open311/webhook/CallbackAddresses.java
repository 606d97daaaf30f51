package cloud.practice.request.open311.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where webhooks may go: out of the platform's network only (no SSRF). A callback host that is, or resolves to, a
 * loopback, private, link-local (cloud metadata), carrier-grade NAT, unspecified or multicast address is refused,
 * and so are local names (single labels such as a cluster service, {@code localhost}, {@code .local},
 * {@code .internal}) — unless the operator lists the host as an internal subscriber. Checked when a subscription is
 * made (names as written, literals by value, no DNS lookup) and again before every delivery (every address the
 * name resolves to then, so a name that later points inside is caught too).
 */
public final class CallbackAddresses {

    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");
    private static final Set<String> LOCAL_SUFFIXES = Set.of(".localhost", ".local", ".internal", ".localdomain");

    private final Set<String> allowedInternalHosts;
    private final Resolver resolver;

    /** Name resolution, as the HTTP client will do it (a test may answer for DNS). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    public CallbackAddresses(Collection<String> allowedInternalHosts) {
        this(allowedInternalHosts, InetAddress::getAllByName);
    }

    public CallbackAddresses(Collection<String> allowedInternalHosts, Resolver resolver) {
        this.allowedInternalHosts = allowedInternalHosts.stream().map(CallbackAddresses::normal)
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** Why a callback URL may not be subscribed, judged from the URL alone; empty when it may. */
    public Optional<String> refusalAsWritten(URI callback) {
        String host = normal(callback.getHost());
        if (allowedInternalHosts.contains(host)) {
            return Optional.empty();
        }
        if (isLiteral(host)) {
            try {
                return internal(InetAddress.getByName(host)) ? Optional.of(refusal(host)) : Optional.empty();
            } catch (UnknownHostException e) {
                return Optional.of("callback_url has an invalid address '" + host + "'");
            }
        }
        boolean local = !host.contains(".") || host.equals("localhost")
                || LOCAL_SUFFIXES.stream().anyMatch(host::endsWith);
        return local ? Optional.of(refusal(host)) : Optional.empty();
    }

    /**
     * Why a delivery to this callback must not be made now, from the addresses its host resolves to; empty when it
     * may. A name that does not resolve is left to the HTTP attempt (a retried failure, as any network error).
     */
    public Optional<String> refusalResolved(URI callback) {
        String host = normal(callback.getHost());
        Optional<String> written = refusalAsWritten(callback);
        if (written.isPresent() || allowedInternalHosts.contains(host)) {
            return written; // refused as written, or listed by the operator: no lookup
        }
        try {
            for (InetAddress address : resolver.addresses(host)) {
                if (internal(address)) {
                    return Optional.of(refusal(host) + " (resolves to " + address.getHostAddress() + ")");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Inside any network the platform may sit in, rather than on the internet. */
    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0                                   // "this network"
                    || first == 100 && (second & 0xc0) == 64    // carrier-grade NAT 100.64.0.0/10
                    || first == 198 && (second & 0xfe) == 18    // benchmarking 198.18.0.0/15
                    || first >= 240;                            // reserved and broadcast
        }
        return (bytes[0] & 0xfe) == 0xfc;                       // unique local fc00::/7
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || IPV4_LITERAL.matcher(host).matches();
    }

    private static String refusal(String host) {
        return "callback_url must point outside the platform's network; '" + host
                + "' is a local or internal address";
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    private static String normal(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
