package cloud.practice.request.evidence;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Photos made in the test (no files from elsewhere): a JPEG whose left half is red and right half blue with a crafted
 * EXIF segment (orientation, GPS position), a PNG carrying a script in a {@code tEXt} chunk and after its end, a PNG
 * header declaring a decompression bomb, HEIC and zip files.
 */
public final class TestPhotos {

    private TestPhotos() {
    }

    /** Left half red, right half blue. */
    public static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    public static byte[] jpeg(int width, int height) {
        return write(halves(width, height), "jpeg");
    }

    public static byte[] png(int width, int height) {
        return write(halves(width, height), "png");
    }

    /** A JPEG with an EXIF APP1 segment right after SOI: IFD0 orientation, GPS latitude N / longitude E. */
    public static byte[] jpegWithExif(int width, int height, int orientation, double lat, double lon) {
        byte[] plain = jpeg(width, height);
        byte[] tiff = tiff(orientation, lat, lon);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        ByteBuffer out = ByteBuffer.allocate(plain.length + 2 + length);
        out.put(plain, 0, 2); // SOI
        out.put((byte) 0xFF).put((byte) 0xE1).put((byte) (length >> 8)).put((byte) length);
        out.put(exif).put(tiff);
        out.put(plain, 2, plain.length - 2);
        return out.array();
    }

    private static byte[] tiff(int orientation, double lat, double lon) {
        ByteBuffer b = ByteBuffer.allocate(140).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: orientation, pointer to the GPS IFD at 38
        b.putShort((short) 2);
        entry(b, 0x0112, 3, 1, orientation);
        entry(b, 0x8825, 4, 1, 38);
        b.putInt(0);
        // GPS IFD at 38: four entries, rationals from 92
        b.putShort((short) 4);
        entry(b, 0x0001, 2, 2, 'N');
        entry(b, 0x0002, 5, 3, 92);
        entry(b, 0x0003, 2, 2, 'E');
        entry(b, 0x0004, 5, 3, 116);
        b.putInt(0);
        rationals(b, lat);
        rationals(b, lon);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    /** Degrees, minutes, seconds (in hundredths) as three rationals. */
    private static void rationals(ByteBuffer b, double degrees) {
        int whole = (int) degrees;
        double minutes = (degrees - whole) * 60;
        int wholeMinutes = (int) minutes;
        long hundredths = Math.round((minutes - wholeMinutes) * 60 * 100);
        b.putInt(whole).putInt(1).putInt(wholeMinutes).putInt(1).putInt((int) hundredths).putInt(100);
    }

    /** A PNG with a tEXt chunk holding {@code text} after its header, and {@code text} again after IEND. */
    public static byte[] pngWithText(int width, int height, String text) {
        byte[] plain = png(width, height);
        int afterHeader = 8 + 8 + 13 + 4;
        byte[] chunk = chunk("tEXt", ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1));
        byte[] trailer = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(plain.length + chunk.length + trailer.length);
        out.put(plain, 0, afterHeader).put(chunk).put(plain, afterHeader, plain.length - afterHeader).put(trailer);
        return out.array();
    }

    /** A tiny PNG whose header declares {@code width} × {@code height} (the rows it has would inflate to gigabytes). */
    public static byte[] pngDeclaring(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] compressed = new byte[1024];
        int n = deflater.deflate(compressed);
        byte[] idat = java.util.Arrays.copyOf(compressed, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", header.array()));
        out.writeBytes(chunk("IDAT", idat));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** The start of an HEIC file (ISO-BMFF ftyp box, brand heic) and some bytes. */
    public static byte[] heic() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putInt(24).put("ftypheic".getBytes(StandardCharsets.ISO_8859_1)).putInt(0)
                .put("mif1heic".getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** A zip archive (of a million zeros: a small zip bomb) — whatever it is named. */
    public static byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("photo.jpg"));
            zip.write(new byte[1_000_000]);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(name).put(data).putInt((int) crc.getValue())
                .array();
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Whether the pixel is mostly red (the JPEG round trip blurs the exact colours). */
    public static boolean reddish(BufferedImage image, int x, int y) {
        Color c = new Color(image.getRGB(x, y));
        return c.getRed() > 180 && c.getBlue() < 90;
    }

    public static boolean bluish(BufferedImage image, int x, int y) {
        Color c = new Color(image.getRGB(x, y));
        return c.getBlue() > 180 && c.getRed() < 90;
    }
}
