package cloud.practice.request.open311.format;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.request.lifecycle.api.RequestStatus;
import cloud.practice.request.lifecycle.query.RequestView;
import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.request.open311.Open311Settings;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How our menu and lifecycle read in GeoReport v2. */
class Open311MappingTest {

    static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    static final Instant SUBMITTED = Instant.parse("2026-11-28T02:00:00Z");

    @Test
    void shouldMapAMenuItemToAServiceAndItsFieldsToAttributes() {
        MenuItemView item = item();

        Map<String, Object> service = Open311Mapping.service(item);
        assertThat(service).containsExactly(Map.entry("service_code", "CARE-ESCORT"),
                Map.entry("service_name", "陪同就医"), Map.entry("description", "陪同老人就医"),
                Map.entry("metadata", true), Map.entry("type", "realtime"), Map.entry("keywords", "陪同,就医"),
                Map.entry("group", "关爱帮扶"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attributes = (List<Map<String, Object>>) Open311Mapping.definition(item).get("attributes");
        assertThat(attributes).extracting(attribute -> attribute.get("code")).containsExactly("hospital", "mobility");
        assertThat(attributes.get(0)).containsEntry("variable", true).containsEntry("datatype", "string")
                .containsEntry("required", true).containsEntry("order", 1).containsEntry("description", "医院")
                .doesNotContainKey("values");
        assertThat(attributes.get(1)).containsEntry("datatype", "singlevaluelist")
                .containsEntry("description", "行动能力: 老人如何行动")
                .containsEntry("values", List.of(Map.of("key", "walk", "name", "可步行")));
        item.fields = List.of();
        assertThat(Open311Mapping.service(item)).containsEntry("metadata", false);
    }

    @Test
    void shouldCloseARequestOnceTheNetworkIsDoneWithIt() {
        assertThat(List.of(RequestStatus.values())).allSatisfy(status -> assertThat(Open311Mapping.status(status))
                .isEqualTo(switch (status) {
                    case COMPLETED, RATED, REJECTED, CANCELLED, EXPIRED -> "closed";
                    default -> "open";
                }));
        assertThat(Open311Mapping.notes(RequestStatus.REJECTED, "不在服务范围", null, 0)).isEqualTo("Rejected: 不在服务范围");
        assertThat(Open311Mapping.notes(RequestStatus.RATED, null, 4, 0)).isEqualTo("Completed and rated 4/5");
        assertThat(Open311Mapping.notes(RequestStatus.DISPATCHED, null, null, 2))
                .isEqualTo("Offered to volunteers; waiting for one to accept (escalated 2 times)");
        assertThat(Open311Mapping.notes(RequestStatus.EXPIRED, null, null, 3)).doesNotContain("escalated");
    }

    @Test
    void shouldAnswerARequestWithoutThePersonalDataOfItsRequester() {
        RequestView view = view();

        Map<String, Object> request = Open311Mapping.request(view, item(), "盘龙社区新时代文明实践站", null, CHONGQING);

        assertThat(request.keySet()).containsExactly("service_request_id", "status", "status_notes", "service_name",
                "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
                "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");
        assertThat(request).containsEntry("service_code", "CARE-ESCORT").containsEntry("status", "open")
                .containsEntry("requested_datetime", "2026-11-28T10:00:00+08:00")
                .containsEntry("updated_datetime", "2026-11-28T10:30:00+08:00")
                .containsEntry("lat", 29.507).containsEntry("long", 106.511);
        assertThat(request.toString()).doesNotContain("138").doesNotContain("resident-42");
    }

    @Test
    void shouldShowAnonymousCallersOnlyThePublicFieldsAtTheJurisdictionsPrecision() {
        RequestView view = view();
        view.address = "盘龙社区7栋3单元502";
        view.location = new GeoPoint(29.50751, 106.51149);
        Map<String, Object> full = Open311Mapping.request(view, item(), "盘龙社区新时代文明实践站",
                "https://photos.example.org/1.jpg", CHONGQING);

        Map<String, Object> shown = Open311Mapping.publicRequest(full, new Open311Settings.PublicView(true, 3, true));
        assertThat(shown.keySet()).as("the same fields, so clients read both alike").containsExactlyElementsOf(full.keySet());
        assertThat(shown).containsEntry("address", null).containsEntry("lat", 29.508).containsEntry("long", 106.511)
                .containsEntry("description", "复诊").containsEntry("media_url", "https://photos.example.org/1.jpg")
                .containsEntry("status", "open").containsEntry("agency_responsible", "盘龙社区新时代文明实践站");

        Map<String, Object> coarse = Open311Mapping.publicRequest(full, new Open311Settings.PublicView(true, 1, false));
        assertThat(coarse).containsEntry("lat", 29.5).containsEntry("long", 106.5).containsEntry("description", null)
                .containsEntry("media_url", null).containsEntry("address", null);
        assertThat(full).as("the full document is left as it was").containsEntry("lat", 29.50751)
                .containsEntry("address", "盘龙社区7栋3单元502");
        view.location = null;
        assertThat(Open311Mapping.publicRequest(Open311Mapping.request(view, item(), null, null, CHONGQING),
                new Open311Settings.PublicView(true, 3, true))).containsEntry("lat", null).containsEntry("long", null);
    }

    @Test
    void shouldExpectFulfilmentWhenTheRunningClockAndTheLaterStagesRunOut() {
        RequestView view = view();
        view.clockStage = "DISPATCH";
        view.clockDueAt = Instant.parse("2026-11-28T06:00:00Z");

        // dispatch due 06:00, then accept 8 h, complete 3 days.
        assertThat(Open311Mapping.expected(view, item())).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(Open311Mapping.expected(view, null)).as("item gone: the running clock alone")
                .isEqualTo(view.clockDueAt);
        view.status = RequestStatus.COMPLETED;
        assertThat(Open311Mapping.expected(view, item())).isNull();
    }

    @Test
    void shouldWriteDatesInIso8601WithTheDistrictsOffset() {
        assertThat(Open311Mapping.datetime(Instant.parse("2026-03-07T01:30:00.123Z"), CHONGQING))
                .isEqualTo("2026-03-07T09:30:00+08:00");
        assertThat(Open311Mapping.datetime(Instant.parse("2026-03-07T01:30:00Z"), ZoneId.of("UTC")))
                .isEqualTo("2026-03-07T01:30:00Z");
        assertThat(Open311Mapping.code("cq-jiulongpo/CARE-ESCORT")).isEqualTo("CARE-ESCORT");
    }

    static MenuItemView item() {
        MenuItemView item = new MenuItemView();
        item.itemId = "d/CARE-ESCORT";
        item.code = "CARE-ESCORT";
        item.name = "陪同就医";
        item.description = "陪同老人就医";
        item.platform = ServicePlatform.CARE;
        item.keywords = List.of("陪同", "就医");
        item.fields = List.of(
                new MenuField("mobility", "行动能力", MenuField.Datatype.SINGLEVALUELIST, false, 2, "老人如何行动",
                        List.of(new MenuField.Value("walk", "可步行"))),
                new MenuField("hospital", "医院", MenuField.Datatype.STRING, true, 1, null, List.of()));
        item.sla = Map.of("REVIEW", "PT2H", "DISPATCH", "PT4H", "ACCEPT", "PT8H", "COMPLETE", "P3D");
        return item;
    }

    static RequestView view() {
        RequestView view = new RequestView();
        view.requestId = "req-1";
        view.districtId = "d";
        view.menuItemId = "d/CARE-ESCORT";
        view.status = RequestStatus.REVIEWED;
        view.unitId = "s-pl";
        view.requesterId = "resident-42";
        view.maskedContact = "138*****678";
        view.location = new GeoPoint(29.507, 106.511);
        view.channel = Channel.INTEGRATION;
        view.description = "复诊";
        view.submittedAt = SUBMITTED;
        view.history.add(new RequestView.Entry(SUBMITTED, "submitted", "resident-42", "INTEGRATION"));
        view.history.add(new RequestView.Entry(SUBMITTED.plusSeconds(1800), "reviewed", "admin", "s-pl"));
        return view;
    }
}
