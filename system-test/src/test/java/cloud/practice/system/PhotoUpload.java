package cloud.practice.system;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hostile-input pass's bodies for operations that take a photo (multipart/form-data, request-service's evidence):
 * a valid one — a small real JPEG in the part {@code file} — and the files and bodies a photo upload must refuse.
 */
final class PhotoUpload {

    static final String BOUNDARY = "hostile-input-boundary";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    record Body(byte[] body, String contentType) {
    }

    private PhotoUpload() {
    }

    /** An upload whose file is a few words (for calls whose ids are refused before any file is read). */
    static String textUpload() {
        return new String(HostilePhotos.multipart(BOUNDARY, "photo.jpg", "not looked at".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    static byte[] valid() {
        return HostilePhotos.multipart(BOUNDARY, "photo.jpg", jpeg());
    }

    /** Each refused as a whole: a file that is not a photo, a hostile photo, a body that is not a photo upload. */
    static Map<String, Body> hostile() {
        try {
            Map<String, Body> bodies = new LinkedHashMap<>();
            bodies.put("a zip archive named photo.jpg", part("photo.jpg", HostilePhotos.zip()));
            bodies.put("a PNG with a script in a text chunk", part("photo.png",
                    HostilePhotos.pngWithText("<script>alert(1)</script>")));
            bodies.put("a PNG declaring 100000 × 100000 pixels", part("photo.png", HostilePhotos.pngDeclaring(100_000)));
            bodies.put("an empty file", part("photo.jpg", new byte[0]));
            bodies.put("HTML named photo.jpg", part("photo.jpg",
                    "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
            bodies.put("no file part", new Body(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"caption\""
                    + "\r\n\r\n说明\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8), CONTENT_TYPE));
            bodies.put("cut short", new Body(java.util.Arrays.copyOf(valid(), 80), CONTENT_TYPE));
            bodies.put("the photo as JSON", new Body("{\"file\":\"photo\"}".getBytes(StandardCharsets.UTF_8),
                    "application/json"));
            bodies.put("the photo's bytes without multipart", new Body(jpeg(), "image/jpeg"));
            return bodies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Body part(String filename, byte[] file) {
        return new Body(HostilePhotos.multipart(BOUNDARY, filename, file), CONTENT_TYPE);
    }

    private static byte[] jpeg() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB), "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
