package cloud.practice.volunteer.certificate;

import cloud.practice.volunteer.certificate.web.CertificatePdf;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The certificate renders on one A4 page: its text read back, the Chinese font embedded, the QR code decoded. */
class CertificatePdfTest {

    private static final String URL = "https://practice.example/app/#/verify/7KQ2M9XD3HT5WB1R";

    private final CertificatePdf pdf = new CertificatePdf();

    @Test
    void shouldPrintNameHoursPeriodUnitAndCodeInAnEmbeddedChineseFontWithADecodableQrCode() throws Exception {
        PdfPages.Read read = PdfPages.read(pdf.render(content("欧阳娜娜", "5001**********1234", true, null)));

        assertThat(read.pages()).isEqualTo(1);
        assertThat(read.width()).isEqualTo(PDRectangle.A4.getWidth());
        assertThat(read.height()).isEqualTo(PDRectangle.A4.getHeight());
        assertThat(read.text()).contains("志愿服务证明", "姓名：欧阳娜娜", "身份证号：5001**********1234",
                "服务期间：2026-01-01 至 2026-12-31", "服务类别：关爱帮扶", "累计服务时长：12.5 小时", "服务次数：3 次",
                "出具单位：盘龙社区志愿服务站", "出具日期：2026-12-06", "验证码：7KQ2-M9XD-3HT5-WB1R", URL)
                .doesNotContain("已失效");
        PDFont chinese = read.fonts().stream().filter(PDType0Font.class::isInstance).findFirst().orElseThrow();
        assertThat(chinese.isEmbedded()).isTrue();
        assertThat(chinese.getName()).as("a subset, not the 4 MB font").matches("[A-Z]{6}\\+.*");
        assertThat(read.qr()).isEqualTo(URL);
    }

    @Test
    void shouldSayClearlyThatACertificateNoLongerHolds() throws Exception {
        PdfPages.Read read = PdfPages.read(pdf.render(content("张伟", null, false, "hours-revoked")));

        assertThat(read.text()).contains("已失效", "本证明所计服务时长已被撤销", "姓名：张伟").doesNotContain("身份证号");
        assertThat(read.qr()).isEqualTo(URL);
    }

    private static CertificatePdf.Content content(String name, String idNumber, boolean valid, String reason) {
        return new CertificatePdf.Content(name, idNumber, "2026-01-01 至 2026-12-31", "关爱帮扶", "12.5", 3,
                "盘龙社区志愿服务站", "2026-12-06", "7KQ2-M9XD-3HT5-WB1R", URL, valid, reason);
    }
}
