package cloud.practice.gateway.ends;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The people's ends as the web module built them ({@code classpath:/people-web/}: {@code index.html}, {@code tv.html},
 * the staff console's {@code console.html},
 * {@code assets/<name>-<hash>.js|css}), read once at start-up into memory: a few hundred kilobytes, served without
 * blocking I/O on the event loop. A request can only name a file of this fixed set — looked up by exact name, never
 * resolved as a path — so no dot segment, encoded separator or class path trick reaches anything else.
 */
public final class PeopleEndsFiles {

    public static final String LOCATION = "classpath:/people-web/";
    static final String INDEX = "index.html";
    static final String TV = "tv.html";
    static final String CONSOLE = "console.html";
    static final String ASSETS = "assets/";
    /** Vite's flat asset names; anything else in the directory is not served. */
    static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** The pages are revalidated on every load (a new release shows at once); hashed assets never change. */
    static final CacheControl PAGES = CacheControl.noCache();
    static final CacheControl HASHED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    /** One file, ready to send. */
    public record StaticFile(String name, byte[] bytes, MediaType type, CacheControl caching, String etag) {
    }

    private final Map<String, StaticFile> files;

    private PeopleEndsFiles(Map<String, StaticFile> files) {
        this.files = Map.copyOf(files);
    }

    /** Reads the built ends from the class path; fails when the pages are missing (a gateway packaged without them). */
    public static PeopleEndsFiles load(ResourceLoader loader) {
        Map<String, StaticFile> files = new TreeMap<>();
        for (String page : new String[] {INDEX, TV, CONSOLE}) {
            Resource resource = loader.getResource(LOCATION + page);
            if (!resource.exists()) {
                throw new IllegalStateException(LOCATION + page + " is missing: the gateway serves the people's ends "
                        + "from the web module's jar (cloud.practice:web), which must be on its class path");
            }
            files.put(page, file(page, read(resource), PAGES));
        }
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver(loader).getResources(
                    LOCATION + ASSETS + "*")) {
                String name = resource.getFilename();
                if (name != null && ASSET_NAME.matcher(name).matches() && resource.isReadable()) {
                    files.put(ASSETS + name, file(ASSETS + name, read(resource), HASHED));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + LOCATION + ASSETS, e);
        }
        return new PeopleEndsFiles(files);
    }

    /** The file at this path below {@code /app/}, by exact name; {@code ""} is the index. */
    public Optional<StaticFile> find(String path) {
        return Optional.ofNullable(files.get(path.isEmpty() ? INDEX : path));
    }

    /** The paths served, below {@code /app/}. */
    public java.util.Set<String> paths() {
        return files.keySet();
    }

    static StaticFile file(String name, byte[] bytes, CacheControl caching) {
        MediaType type = MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM);
        if ("text".equals(type.getType()) || type.equals(MediaType.valueOf("image/svg+xml"))) {
            type = new MediaType(type, StandardCharsets.UTF_8); // Vite writes UTF-8; the pages are Chinese
        }
        return new StaticFile(name, bytes, type, caching, etag(bytes));
    }

    /** A strong validator from the content, so revalidating an unchanged page costs a 304 and no body. */
    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
