package cloud.practice.request.open311.format;

import org.springframework.http.MediaType;

import java.util.Locale;
import java.util.Optional;

/** The two response formats of GeoReport v2, chosen by the resource's extension ({@code services.xml}). */
public enum Format {
    XML("xml", new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8)),
    JSON("json", new MediaType("application", "json", java.nio.charset.StandardCharsets.UTF_8));

    private final String extension;
    private final MediaType mediaType;

    Format(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The MIME type as discovery lists it. */
    public String mimeType() {
        return mediaType.getType() + "/" + mediaType.getSubtype();
    }

    public static Optional<Format> of(String extension) {
        if (extension == null) {
            return Optional.empty();
        }
        String normal = extension.toLowerCase(Locale.ROOT);
        for (Format format : values()) {
            if (format.extension.equals(normal)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format a path asks for ({@code .../requests/req-1.json}); XML, the spec's required format, otherwise. */
    public static Format ofPath(String path) {
        if (path == null) {
            return XML;
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? of(path.substring(dot + 1)).orElse(XML) : XML;
    }
}
