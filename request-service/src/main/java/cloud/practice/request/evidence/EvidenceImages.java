package cloud.practice.request.evidence;

import cloud.practice.support.web.ApiException;
import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import org.springframework.http.HttpStatus;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns an uploaded photo into what is stored: the type told by its first bytes (never its name or declared type),
 * its size read from the header before any pixel is decoded (the decompression-bomb defence), then decoded, turned
 * upright by its EXIF orientation and encoded again — so no metadata (EXIF, XMP, PNG text chunks, bytes after the
 * image) survives — plus a JPEG thumbnail. The GPS position is read here and handed back, never kept in the file.
 * A file whose metadata or trailing bytes carry markup (a script, a page, PHP) is refused rather than cleaned: no
 * camera writes that, so it is a polyglot or a probe, and the uploader should know it was not taken.
 * Photos are kept at most {@link #MAX_STORED_SIDE} pixels on their longest side, and at most {@link #DECODES} are
 * decoded at once per instance, so uploads cannot exhaust the heap.
 */
public final class EvidenceImages {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final long MAX_PIXELS = 40_000_000L;
    public static final int MAX_SIDE = 12_000;
    public static final int THUMBNAIL_SIDE = 320;
    /**
     * The longest side a photo is kept at: larger ones are decoded subsampled (a 48-megapixel phone photo becomes about
     * 12), which bounds the heap a decode needs (~50 MB, twice that when it is turned) and is detail enough as evidence.
     */
    public static final int MAX_STORED_SIDE = 4096;
    static final float JPEG_QUALITY = 0.88f;
    static final float THUMBNAIL_QUALITY = 0.8f;

    /** ISO-BMFF brands of HEIF/HEIC files (what iPhones and many Android phones take photos as). */
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm",
            "hevs", "mif1", "msf1");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Markup a photo's metadata or trailing bytes never hold (lower case; compared case-insensitively). */
    static final java.util.List<String> MARKUP = java.util.List.of("<script", "javascript:", "<?php", "<iframe",
            "<html", "<svg", "<body", "<object", "<embed", "onerror=", "onload=");
    static final int DECODES = 2;
    private static final java.util.concurrent.Semaphore DECODING = new java.util.concurrent.Semaphore(DECODES, true);
    private static final long DECODE_WAIT_SECONDS = 20;

    private EvidenceImages() {
    }

    public enum Type {
        JPEG("image/jpeg", "jpeg"), PNG("image/png", "png");

        public final String contentType;
        final String format;

        Type(String contentType, String format) {
            this.contentType = contentType;
            this.format = format;
        }
    }

    /** Where the photo was taken, as its EXIF said (WGS 84). */
    public record Position(double lat, double lon) {
    }

    /** The cleaned photo and its thumbnail; {@code position} only if the photo carried one. */
    public record Cleaned(Type type, byte[] full, int width, int height, byte[] thumbnail, Position position) {
    }

    /** Checks, cleans and shrinks one photo; refuses with a problem (nothing stored yet) when it may not be kept. */
    public static Cleaned clean(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        Type type = typeOf(bytes);
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.format);
            if (input == null || !readers.hasNext()) {
                throw unreadable();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
                        || (long) width * height > MAX_PIXELS) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "image-too-large", "The photo is "
                            + width + " × " + height + " pixels; at most " + MAX_SIDE + " pixels a side and "
                            + MAX_PIXELS / 1_000_000 + " megapixels are accepted",
                            Map.of("field", "file", "width", width, "height", height));
                }
                Metadata metadata = metadata(bytes);
                refuseMarkup(bytes, type, metadata);
                Exif exif = exif(metadata);
                if (!DECODING.tryAcquire(DECODE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Too many photos are being"
                            + " processed right now; send this one again in a moment", Map.of("retryable", true));
                }
                try {
                    javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                    int step = (int) Math.ceil(Math.max(width, height) / (double) MAX_STORED_SIDE);
                    if (step > 1) {
                        param.setSourceSubsampling(step, step, 0, 0);
                    }
                    BufferedImage upright = orient(reader.read(0, param), exif.orientation());
                    byte[] full = type == Type.JPEG ? jpeg(upright, JPEG_QUALITY) : png(upright);
                    return new Cleaned(type, full, upright.getWidth(), upright.getHeight(),
                            jpeg(thumbnail(upright), THUMBNAIL_QUALITY), exif.position());
                } finally {
                    DECODING.release();
                }
            } finally {
                reader.dispose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreadable();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw unreadable();
        }
    }

    /**
     * Refuses a photo whose metadata (any tag metadata-extractor reads: EXIF, XMP, IPTC, JPEG comments, PNG text
     * chunks, compressed ones included) or whose bytes after the image's end carry markup. Trailing bytes as such are
     * allowed: Android's motion photos append a video there.
     */
    static void refuseMarkup(byte[] bytes, Type type, Metadata metadata) {
        String found = null;
        if (metadata != null) {
            for (com.drew.metadata.Directory directory : metadata.getDirectories()) {
                for (com.drew.metadata.Tag tag : directory.getTags()) {
                    found = markupIn(directory.getString(tag.getTagType()));
                    if (found != null) {
                        break;
                    }
                }
                if (found != null) {
                    break;
                }
            }
        }
        if (found == null) {
            int end = type == Type.PNG ? pngEnd(bytes) : jpegEnd(bytes);
            found = markupIn(new String(bytes, end, bytes.length - end, StandardCharsets.ISO_8859_1));
        }
        if (found != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "suspicious-content", "The photo carries markup"
                    + " (" + found + ") in its metadata or after its end; a camera never writes that: take or export"
                    + " the photo again", Map.of("field", "file"));
        }
    }

    private static String markupIn(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return MARKUP.stream().filter(lower::contains).findFirst().orElse(null);
    }

    /** Where a PNG's IEND chunk ends (the whole length when it has none). */
    private static int pngEnd(byte[] bytes) {
        int at = PNG_SIGNATURE.length;
        while (at + 12 <= bytes.length) {
            long length = java.nio.ByteBuffer.wrap(bytes, at, 4).getInt() & 0xFFFFFFFFL;
            boolean iend = bytes[at + 4] == 'I' && bytes[at + 5] == 'E' && bytes[at + 6] == 'N' && bytes[at + 7] == 'D';
            long next = at + 12 + length;
            if (next > bytes.length) {
                return bytes.length;
            }
            if (iend) {
                return (int) next;
            }
            at = (int) next;
        }
        return bytes.length;
    }

    /** Just after a JPEG's last end-of-image marker (the whole length when it has none). */
    private static int jpegEnd(byte[] bytes) {
        for (int at = bytes.length - 2; at >= 2; at--) {
            if ((bytes[at] & 0xFF) == 0xFF && (bytes[at + 1] & 0xFF) == 0xD9) {
                return at + 2;
            }
        }
        return bytes.length;
    }

    /** The type by magic bytes: JPEG, PNG; HEIC/HEIF refused with what to do instead; anything else refused. */
    static Type typeOf(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return Type.JPEG;
        }
        if (bytes.length >= PNG_SIGNATURE.length
                && java.util.Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return Type.PNG;
        }
        if (bytes.length >= 12 && new String(bytes, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")
                && HEIF_BRANDS.contains(new String(bytes, 8, 4, StandardCharsets.ISO_8859_1))) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "heic-not-converted", "HEIC/HEIF photos are not"
                    + " accepted as they are: the mobile end converts HEIC to JPEG before uploading; send the JPEG",
                    Map.of("field", "file"));
        }
        throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-type", "Only JPEG and PNG photos are"
                + " accepted (told by the file's content, not its name)", Map.of("field", "file"));
    }

    public static ApiException tooLarge(long bytes) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "file-too-large", "The photo has " + bytes
                + " bytes; at most " + MAX_BYTES + " (10 MB) are accepted", Map.of("field", "file",
                "maxBytes", MAX_BYTES));
    }

    private static ApiException unreadable() {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unreadable-image",
                "The photo could not be decoded (damaged or not really an image)", Map.of("field", "file"));
    }

    private record Exif(int orientation, Position position) {
    }

    /** The photo's metadata as metadata-extractor reads it; null when it cannot be read (counts as none). */
    private static Metadata metadata(byte[] bytes) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
        } catch (Exception unreadable) {
            return null;
        }
    }

    /** Orientation (1 when none) and GPS position (null when none); metadata that cannot be read counts as none. */
    private static Exif exif(Metadata metadata) {
        if (metadata == null) {
            return new Exif(1, null);
        }
        try {
            int orientation = 1;
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                orientation = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
            Position position = null;
            GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
            GeoLocation location = gps == null ? null : gps.getGeoLocation();
            if (location != null && !location.isZero() && Math.abs(location.getLatitude()) <= 90
                    && Math.abs(location.getLongitude()) <= 180) {
                position = new Position(location.getLatitude(), location.getLongitude());
            }
            return new Exif(orientation, position);
        } catch (Exception unreadable) {
            return new Exif(1, null);
        }
    }

    /** The pixels as the camera meant them to be seen (EXIF orientation 1-8). */
    static BufferedImage orient(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        boolean swap = orientation >= 5 && orientation <= 8;
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> {
                return image;
            }
        }
        BufferedImage turned = new BufferedImage(swap ? h : w, swap ? w : h, kind(image));
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    private static int kind(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    /** Longest side {@link #THUMBNAIL_SIDE} (never enlarged). */
    static BufferedImage thumbnail(BufferedImage image) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / longest);
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        } finally {
            g.dispose();
        }
        return small;
    }

    /** Baseline JPEG of the pixels only (no alpha: flattened on white). */
    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            try {
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }
}
