package cloud.practice.support.web;

import java.util.regex.Pattern;

/**
 * An endpoint whose bodies may be larger than the service's limit ({@code practice.web.max-request-bytes}, 1 MB):
 * a photo upload, a roster of volunteers. Declared as a bean by the feature that needs it; the one body-size filter
 * ({@link RequestSizeLimit}) applies it to POSTs on the matching path and the shared limit everywhere else.
 *
 * @param path     the whole request path (without the context path), e.g. {@code /api/v1/requests/[^/]+/evidence/?}
 * @param maxBytes the limit there
 */
public record LargerBody(Pattern path, long maxBytes) {

    public boolean covers(String method, String requestPath) {
        return "POST".equals(method) && path.matcher(requestPath).matches();
    }
}
