package cloud.practice.auth.notices.web;

import cloud.practice.auth.notices.NoticeSms;
import cloud.practice.support.web.ApiException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The notice's fields: each bad one named in a 400; a good one's text trimmed. */
class NoticeRequestTest {

    static final String D = "cq-jiulongpo";

    static NoticeSmsController.NoticeRequest request(String reference, String kind, String text) {
        return new NoticeSmsController.NoticeRequest(reference, kind, text);
    }

    @Test
    void shouldTrimTheTextAndKeepTheRest() {
        NoticeSms.Notice notice = request("cq-jiulongpo|order-offered|req-1|acc-1:sms.2_x", "order-offered",
                "  您有一个新的服务订单  ").checked(D);
        assertThat(notice).isEqualTo(new NoticeSms.Notice(D, "cq-jiulongpo|order-offered|req-1|acc-1:sms.2_x",
                "order-offered", "您有一个新的服务订单"));
        assertThat(request("r".repeat(120), "k".repeat(40), "字".repeat(300)).checked(D).text())
                .as("the longest of each").hasSize(300);
        assertThat(request("r", "k", "😀".repeat(300)).checked(D).text())
                .as("characters, not UTF-16 units").hasSize(600);
    }

    @Test
    void shouldNameEachBadField() {
        Map<NoticeSmsController.NoticeRequest, String> bad = new LinkedHashMap<>();
        bad.put(request(null, "order-offered", "text"), "reference");
        bad.put(request("", "order-offered", "text"), "reference");
        bad.put(request("r".repeat(121), "order-offered", "text"), "reference");
        bad.put(request("r 1", "order-offered", "text"), "reference");
        bad.put(request("r/1", "order-offered", "text"), "reference");
        bad.put(request("r-1", null, "text"), "kind");
        bad.put(request("r-1", "", "text"), "kind");
        bad.put(request("r-1", "Order-Offered", "text"), "kind");
        bad.put(request("r-1", "order_offered", "text"), "kind");
        bad.put(request("r-1", "k".repeat(41), "text"), "kind");
        bad.put(request("r-1", "order-offered", null), "text");
        bad.put(request("r-1", "order-offered", ""), "text");
        bad.put(request("r-1", "order-offered", " \u3000 "), "text");
        bad.put(request("r-1", "order-offered", "字".repeat(301)), "text");
        bad.put(request("r-1", "order-offered", "第一行\n第二行"), "text");
        bad.put(request("r-1", "order-offered", "响铃\u0007"), "text");
        bad.put(request("r-1", "order-offered", "删除\u007f"), "text");
        bad.forEach((request, field) -> {
            ApiException refused = catchThrowableOfType(ApiException.class, () -> request.checked(D));
            assertThat(refused).as(request.toString()).isNotNull();
            assertThat(refused.status().value()).isEqualTo(400);
            assertThat(refused.type()).isEqualTo("invalid-field");
            assertThat(refused.properties()).as(request.toString()).containsEntry("field", field);
        });
    }
}
