package cloud.practice.support.web;

import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read by hand, up to a cap of the endpoint's own — for the anonymous endpoints that must check their
 * caller's secret or signature before reading a byte (providers' delivery receipts), below the shared
 * {@link RequestSizeLimit}. Beyond the cap, declared by Content-Length or found while reading a chunked body (never
 * more than one byte past it), 400 {@code invalid-field} {@code body}.
 */
public final class BoundedBodies {

    private BoundedBodies() {
    }

    /**
     * @param what what the body is, for the refusal ("A push", "A batch of delivery reports")
     */
    public static byte[] read(HttpServletRequest request, int maxBytes, String what) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes, what);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes, what);
        }
        return body;
    }

    private static ApiException tooLarge(int maxBytes, String what) {
        return ApiException.badRequest("body", what + " is at most " + maxBytes + " bytes");
    }
}
