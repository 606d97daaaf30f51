package cloud.practice.support.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: a resource's version (its aggregate's last sequence number) is its ETag; an
 * update may send {@code If-Match} with it and gets 412 when the resource changed meanwhile.
 */
public final class Versions {

    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"(\\d{1,18})\"$");

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** @return the expected version from an {@code If-Match} header, or null when absent or {@code *} */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = ETAG.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid-field",
                    HttpHeaders.IF_MATCH + " must be an ETag this API returned, like \"3\"",
                    Map.of("field", HttpHeaders.IF_MATCH));
        }
        return Long.parseLong(matcher.group(1));
    }
}
