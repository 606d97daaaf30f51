package cloud.practice.volunteer.certificate.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The printable certificate: one A4 page with the title 志愿服务证明, the volunteer's name and masked ID number, the
 * period, hours and services, the issuing unit and date, the verification code in words and a QR code of the public
 * verification page (drawn as vector squares). Chinese text is set in Droid Sans Fallback (Apache-2.0, in
 * {@code fonts/} with its licence), embedded as a subset of the glyphs used; that font has no Latin letters or
 * digits, so those are set in Helvetica (one of the 14 fonts every PDF reader has). A certificate that no longer
 * holds still renders, marked 已失效 in red.
 */
@Component
public class CertificatePdf {

    static final String FONT = "/fonts/DroidSansFallbackFull.ttf";
    private static final float MARGIN = 72;
    private static final Color RED = new Color(0xC0, 0x10, 0x10);
    private static final Map<String, String> REASONS = Map.of(
            "revoked", "本证明已被出具单位撤销",
            "hours-revoked", "本证明所计服务时长已被撤销",
            "volunteer-erased", "该志愿者的信息已注销");

    /** The font file (4 MB) read once; each document embeds only the glyphs it uses. */
    private volatile byte[] font;

    /**
     * What the page says, every text ready to print.
     *
     * @param maskedIdNumber null when the service has none for the volunteer
     * @param invalidReason  null while the certificate holds
     */
    public record Content(String name, String maskedIdNumber, String period, String platform, String hours,
                          int sessions, String issuingUnitName, String issuedOn, String code, String verifyUrl,
                          boolean valid, String invalidReason) {
    }

    public byte[] render(Content content) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            Fonts fonts = new Fonts(PDType0Font.load(document, new ByteArrayInputStream(font()), true),
                    new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            PDRectangle box = page.getMediaBox();
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                out.setStrokingColor(new Color(0xB0, 0x8D, 0x57));
                out.setLineWidth(2);
                out.addRect(36, 36, box.getWidth() - 72, box.getHeight() - 72);
                out.stroke();
                out.setLineWidth(0.75f);
                out.addRect(42, 42, box.getWidth() - 84, box.getHeight() - 84);
                out.stroke();

                float top = box.getHeight() - 130;
                fonts.centred(out, "志愿服务证明", box.getWidth() / 2, top, 30, Color.BLACK);
                if (!content.valid()) {
                    fonts.centred(out, "已失效", box.getWidth() / 2, top - 48, 28, RED);
                    fonts.centred(out, REASONS.getOrDefault(content.invalidReason(), "本证明已失效"),
                            box.getWidth() / 2, top - 72, 12, RED);
                }
                float y = top - 120;
                List<String> lines = new ArrayList<>();
                lines.add("姓名：" + content.name());
                if (content.maskedIdNumber() != null) {
                    lines.add("身份证号：" + content.maskedIdNumber());
                }
                lines.add("服务期间：" + content.period());
                lines.add("服务类别：" + content.platform());
                lines.add("累计服务时长：" + content.hours() + " 小时");
                lines.add("服务次数：" + content.sessions() + " 次");
                for (String line : lines) {
                    fonts.line(out, line, MARGIN, y, 14, Color.BLACK);
                    y -= 28;
                }
                y -= 8;
                fonts.line(out, "兹证明该志愿者在上述期间参加志愿服务，情况属实，特此证明。", MARGIN, y, 13,
                        Color.BLACK);
                y -= 56;
                fonts.line(out, "出具单位：" + content.issuingUnitName(), MARGIN, y, 14, Color.BLACK);
                y -= 28;
                fonts.line(out, "出具日期：" + content.issuedOn(), MARGIN, y, 14, Color.BLACK);

                float qrSize = 132;
                float qrX = box.getWidth() - MARGIN - qrSize;
                float qrY = 150;
                qr(out, content.verifyUrl(), qrX, qrY, qrSize);
                fonts.line(out, "扫码验证真伪", qrX + 30, qrY - 14, 10, Color.DARK_GRAY);
                fonts.line(out, "验证码：" + content.code(), MARGIN, 170, 13, Color.BLACK);
                float available = qrX - MARGIN - 12;
                fonts.fitted(out, "验证网址：" + content.verifyUrl(), MARGIN, 148, 9, available, Color.DARK_GRAY);
            }
            PDDocumentInformation information = document.getDocumentInformation();
            information.setTitle("志愿服务证明 " + content.code());
            information.setCreator("Practice Cloud volunteer-service");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the certificate", e);
        }
    }

    /** The verify URL as a QR code (error correction M, the standard quiet zone left blank), one square a module. */
    private static void qr(PDPageContentStream out, String text, float x, float y, float size) throws IOException {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the verify URL does not fit a QR code", e);
        }
        float module = size / matrix.getWidth();
        out.setNonStrokingColor(Color.BLACK);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int column = 0; column < matrix.getWidth(); column++) {
                if (matrix.get(column, row)) {
                    out.addRect(x + column * module, y + (matrix.getHeight() - 1 - row) * module, module, module);
                }
            }
        }
        out.fill();
    }

    private byte[] font() {
        byte[] loaded = font;
        if (loaded == null) {
            try (InputStream in = CertificatePdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IllegalStateException("the certificate font " + FONT + " is missing");
                }
                loaded = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the certificate font", e);
            }
            font = loaded;
        }
        return loaded;
    }

    /** Sets text in runs: Chinese in the embedded font, what it lacks (Latin, digits) in Helvetica. */
    private record Fonts(PDFont chinese, PDFont latin) {

        void centred(PDPageContentStream out, String text, float centre, float y, float size, Color colour)
                throws IOException {
            line(out, text, centre - width(text, size) / 2, y, size, colour);
        }

        /** Shrinks the size until the text fits the width. */
        void fitted(PDPageContentStream out, String text, float x, float y, float size, float width, Color colour)
                throws IOException {
            float fitted = size;
            while (fitted > 5 && width(text, fitted) > width) {
                fitted -= 0.5f;
            }
            line(out, text, x, y, fitted, colour);
        }

        void line(PDPageContentStream out, String text, float x, float y, float size, Color colour)
                throws IOException {
            out.setNonStrokingColor(colour);
            float at = x;
            for (Run run : runs(text)) {
                out.beginText();
                out.setFont(run.font(), size);
                out.newLineAtOffset(at, y);
                out.showText(run.text());
                out.endText();
                at += run.font().getStringWidth(run.text()) / 1000 * size;
            }
        }

        float width(String text, float size) throws IOException {
            float width = 0;
            for (Run run : runs(text)) {
                width += run.font().getStringWidth(run.text()) / 1000 * size;
            }
            return width;
        }

        private List<Run> runs(String text) {
            List<Run> runs = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            PDFont font = null;
            for (int i = 0; i < text.length(); ) {
                int codePoint = text.codePointAt(i);
                i += Character.charCount(codePoint);
                String character = new String(Character.toChars(codePoint));
                PDFont wanted = has(chinese, character) ? chinese : latin;
                if (wanted == latin && !has(latin, character)) {
                    character = "?";
                }
                if (font != null && wanted != font) {
                    runs.add(new Run(font, current.toString()));
                    current.setLength(0);
                }
                font = wanted;
                current.append(character);
            }
            if (font != null) {
                runs.add(new Run(font, current.toString()));
            }
            return runs;
        }

        private static boolean has(PDFont font, String character) {
            try {
                font.encode(character);
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }
    }

    private record Run(PDFont font, String text) {
    }
}
