package cloud.practice.request.open311.web;

import cloud.practice.request.open311.Open311Settings;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponents;

import java.net.URI;
import java.util.Collections;
import java.util.regex.Pattern;

/**
 * Where integrators reach {@code /open311/v2}: every URL the API writes about itself starts here (discovery's
 * {@code url}). The setting {@code practice.open311.base-url} when there is one (compose and the Kubernetes overlays
 * set it); else the public origin the proxies in front tell us — {@code Forwarded} (RFC 7239) or
 * {@code X-Forwarded-Proto/-Host/-Port}, which the gateway sets to what its caller used, and
 * {@code X-Forwarded-Prefix} where an ingress mounts the platform below a path; else the request as it arrived.
 * Headers that do not make a URL are ignored, never echoed: the answer is then the request's own origin.
 */
@Component
public class PublicBaseUrl {

    static final String PATH = "/open311/v2";
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]|[0-9A-Fa-f:.]{2,45}");

    private final String configured;

    public PublicBaseUrl(Open311Settings settings) {
        String url = settings.baseUrl() == null ? "" : settings.baseUrl().strip();
        this.configured = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String of(HttpServletRequest request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String origin;
        try {
            origin = origin(ForwardedHeaderUtils.adaptFromForwardedHeaders(arrived(request), headers(request)).build());
        } catch (IllegalArgumentException | IllegalStateException malformed) {
            origin = origin(org.springframework.web.util.UriComponentsBuilder.fromUri(arrived(request)).build());
        }
        return origin + prefix(request.getHeader("X-Forwarded-Prefix")) + request.getContextPath() + PATH;
    }

    /**
     * The platform's public address without {@code /open311/v2}: where its other APIs are reached through the
     * gateway ({@code /api/v1/...}), e.g. the content of a request's photo in {@code media_url}.
     */
    public String platform(HttpServletRequest request) {
        String open311 = of(request);
        return open311.endsWith(PATH) ? open311.substring(0, open311.length() - PATH.length()) : open311;
    }

    private static URI arrived(HttpServletRequest request) {
        return URI.create(request.getScheme() + "://" + hostAndPort(request.getServerName(), request.getServerPort()));
    }

    private static String hostAndPort(String host, int port) {
        String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return port < 0 ? bracketed : bracketed + ":" + port;
    }

    private static String origin(UriComponents uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || !HOST.matcher(uri.getHost()).matches()) {
            throw new IllegalArgumentException("not an http(s) origin: " + uri);
        }
        int port = uri.getPort();
        boolean usual = port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + (usual ? hostAndPort(uri.getHost(), -1) : hostAndPort(uri.getHost(), port));
    }

    /** The first prefix a proxy sent, if it is a plain path ({@code /city/311}); anything else is ignored. */
    static String prefix(String header) {
        if (header == null) {
            return "";
        }
        String first = header.split(",")[0].strip();
        while (first.endsWith("/")) {
            first = first.substring(0, first.length() - 1);
        }
        return PREFIX.matcher(first).matches() && first.length() <= 200 ? first : "";
    }

    private static HttpHeaders headers(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
