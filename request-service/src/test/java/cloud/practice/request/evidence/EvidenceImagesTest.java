package cloud.practice.request.evidence;

import cloud.practice.support.web.ApiException;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is kept of a photo: type by content, size before decoding, metadata gone, upright, a small thumbnail. */
class EvidenceImagesTest {

    @Test
    void shouldTurnAJpegUprightAndDropItsExifButHandBackItsPosition() throws Exception {
        byte[] upload = TestPhotos.jpegWithExif(400, 200, 6, 29.5071, 106.5112);
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload))
                .getFirstDirectoryOfType(GpsDirectory.class)).as("the crafted EXIF is readable").isNotNull();

        EvidenceImages.Cleaned cleaned = EvidenceImages.clean(upload);

        assertThat(cleaned.type()).isEqualTo(EvidenceImages.Type.JPEG);
        assertThat(cleaned.position().lat()).isCloseTo(29.5071, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(cleaned.position().lon()).isCloseTo(106.5112, org.assertj.core.data.Offset.offset(1e-4));
        Metadata stored = ImageMetadataReader.readMetadata(new ByteArrayInputStream(cleaned.full()));
        assertThat(stored.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(stored.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(cleaned.full()));
        // orientation 6: turned 90° clockwise, so the left (red) half is now on top
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(cleaned.width()).isEqualTo(200);
        assertThat(cleaned.height()).isEqualTo(400);
        assertThat(TestPhotos.reddish(image, 100, 50)).isTrue();
        assertThat(TestPhotos.bluish(image, 100, 350)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldShowEveryOrientationAsTheCameraMeantIt(int orientation) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(EvidenceImages.clean(
                TestPhotos.jpegWithExif(400, 200, orientation, 10, 10)).full()));
        boolean turned = orientation >= 5;
        assertThat(image.getWidth()).isEqualTo(turned ? 200 : 400);
        // where the red (left) half of the sensor ends up
        boolean redFirst = switch (orientation) {
            case 1, 4, 5, 6 -> true;  // left stays left (1, 4), or goes to the top (5, 6)
            default -> false;         // mirrored or turned the other way: right / bottom
        };
        int[] first = turned ? new int[]{100, 50} : new int[]{50, 100};
        int[] second = turned ? new int[]{100, 350} : new int[]{350, 100};
        assertThat(TestPhotos.reddish(image, first[0], first[1])).as("orientation %d", orientation).isEqualTo(redFirst);
        assertThat(TestPhotos.reddish(image, second[0], second[1])).as("orientation %d", orientation).isEqualTo(!redFirst);
    }

    @Test
    void shouldDropAPngsHarmlessTextAndTrailingBytes() throws Exception {
        byte[] upload = TestPhotos.pngWithText(64, 48, "Made on a phone");
        assertThat(new String(upload, StandardCharsets.ISO_8859_1)).contains("Made on a phone").contains("tEXt");

        EvidenceImages.Cleaned cleaned = EvidenceImages.clean(upload);

        assertThat(cleaned.type()).isEqualTo(EvidenceImages.Type.PNG);
        String stored = new String(cleaned.full(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("Made on a phone").doesNotContain("tEXt").doesNotContain("Comment");
        assertThat(ImageIO.read(new ByteArrayInputStream(cleaned.full())).getWidth()).isEqualTo(64);
        assertThat(cleaned.position()).isNull();
    }

    @Test
    void shouldRefuseMarkupInMetadataOrAfterTheImageButKeepAMotionPhotosTrailer() throws Exception {
        for (String markup : java.util.List.of("<script>alert(1)</script>", "<SVG onload=alert(1)>", "<?php system($_GET[0]); ?>",
                "JavaScript:alert(1)")) {
            assertRefused(TestPhotos.pngWithText(64, 48, markup), 422, "suspicious-content");
        }
        byte[] jpeg = TestPhotos.jpeg(64, 48);
        byte[] scripted = java.util.Arrays.copyOf(jpeg, jpeg.length + 30);
        System.arraycopy("<script>alert(1)</script>".getBytes(StandardCharsets.ISO_8859_1), 0, scripted, jpeg.length, 25);
        assertRefused(scripted, 422, "suspicious-content");
        // Android's motion photos carry a video after the JPEG's end: trailing bytes without markup are no reason to refuse.
        byte[] motion = java.util.Arrays.copyOf(jpeg, jpeg.length + 64);
        System.arraycopy("....ftypmp42 a short video".getBytes(StandardCharsets.ISO_8859_1), 0, motion, jpeg.length, 26);
        EvidenceImages.Cleaned cleaned = EvidenceImages.clean(motion);
        assertThat(new String(cleaned.full(), StandardCharsets.ISO_8859_1)).doesNotContain("ftypmp42");
    }

    @Test
    void shouldKeepALargePhotoAtMost4096PixelsOnItsLongestSide() throws Exception {
        byte[] wide = TestPhotos.jpeg(8200, 12);

        EvidenceImages.Cleaned cleaned = EvidenceImages.clean(wide);

        assertThat(cleaned.width()).as("decoded at every third pixel").isEqualTo(2734);
        assertThat(cleaned.height()).isEqualTo(4);
        assertThat(ImageIO.read(new ByteArrayInputStream(cleaned.full())).getWidth()).isEqualTo(2734);
        EvidenceImages.Cleaned small = EvidenceImages.clean(TestPhotos.jpeg(4096, 10));
        assertThat(small.width()).as("at the limit: as it came").isEqualTo(4096);
    }

    @Test
    void shouldMakeAJpegThumbnailOfAtMost320Pixels() throws Exception {
        EvidenceImages.Cleaned cleaned = EvidenceImages.clean(TestPhotos.png(1000, 600));
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(cleaned.thumbnail()));
        assertThat(cleaned.thumbnail()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(192);
        // a small photo is not enlarged
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(EvidenceImages.clean(TestPhotos.png(100, 50)).thumbnail()));
        assertThat(small.getWidth()).isEqualTo(100);
    }

    @Test
    void shouldTellTheTypeByContentOnly() {
        assertRefused(TestPhotos.zip(), 415, "unsupported-type");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), 415, "unsupported-type");
        assertRefused(new byte[0], 415, "unsupported-type");
        assertThatThrownBy(() -> EvidenceImages.clean(TestPhotos.heic()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(415);
                    assertThat(e.type()).isEqualTo("heic-not-converted");
                    assertThat(e.getMessage()).contains("converts HEIC to JPEG");
                });
    }

    @Test
    void shouldRefuseADecompressionBombByItsHeaderAndABrokenImage() {
        assertRefused(TestPhotos.pngDeclaring(100_000, 100_000), 422, "image-too-large");
        assertRefused(TestPhotos.pngDeclaring(12_001, 10), 422, "image-too-large");
        assertRefused(TestPhotos.pngDeclaring(8_000, 6_000), 422, "image-too-large"); // 48 megapixels
        byte[] jpeg = TestPhotos.jpeg(200, 100);
        assertRefused(java.util.Arrays.copyOf(jpeg, 40), 422, "unreadable-image");
        assertRefused(TestPhotos.pngDeclaring(2_000, 1_000), 422, "unreadable-image"); // far fewer rows than declared
    }

    @Test
    void shouldRefuseMoreThanTenMegabytes() {
        byte[] big = new byte[(int) EvidenceImages.MAX_BYTES + 1];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        assertRefused(big, 413, "file-too-large");
    }

    private static void assertRefused(byte[] bytes, int status, String type) {
        assertThatThrownBy(() -> EvidenceImages.clean(bytes)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.type()).isEqualTo(type);
        });
    }
}
