package cloud.practice.notification.rules;

import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.events.hierarchy.PairingActivityRecorded;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.hierarchy.PartnerRegistered;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.events.request.Stage;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.notification.config.NotificationSettings;
import cloud.practice.notification.directory.query.Directory;
import cloud.practice.notification.notice.Notice;
import cloud.practice.notification.notice.NoticeKind;
import cloud.practice.notification.notice.Recipient;
import cloud.practice.notification.preferences.Preferences;
import cloud.practice.notification.notice.NoticeStore;
import cloud.practice.support.kafka.FactWaits;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cloud.practice.notification.rules.Texts.appLink;
import static cloud.practice.notification.rules.Texts.consoleLink;
import static cloud.practice.notification.rules.Texts.service;

/**
 * From events to notices (ADR 0023, issue 26): each rule names who is told what. Rules that wait for a time (an SLA
 * clock about to run out, a reminder, a dormant pairing) set a {@link Timers timer}; {@link #fire} raises its notice
 * when it falls due, if its reason still holds — the events that end the reason cancel it first.
 */
@Component
public class Rules {

    static final String SLA = "sla";
    static final String CHECK_IN = "check-in";
    static final String ACTIVITY = "activity";
    static final String PAIRING = "pairing";
    /** request-service's dispatch mode when a team leader claimed the order for their team. */
    static final String CLAIMED = "CLAIMED";

    private final NoticeDesk desk;
    private final Directory directory;
    private final Timers timers;
    private final NoticeStore notices;
    private final Preferences preferences;
    private final Texts texts;
    private final NotificationSettings settings;
    private final Clock clock;
    private final FactWaits waits;

    public Rules(NoticeDesk desk, Directory directory, Timers timers, NoticeStore notices, Preferences preferences,
                 Texts texts, NotificationSettings settings, Clock clock, FactWaits waits) {
        this.desk = desk;
        this.directory = directory;
        this.timers = timers;
        this.notices = notices;
        this.preferences = preferences;
        this.texts = texts;
        this.settings = settings;
        this.clock = clock;
        this.waits = waits;
    }

    // --- who is who -------------------------------------------------------------------------------------------------

    public void unitNamed(String districtId, String unitId, String name) {
        directory.unitNamed(districtId, unitId, name);
    }

    public void managerAssigned(ManagerAssigned e) {
        directory.managerAssigned(e.districtId(), e.unitId(), e.userId());
    }

    public void managerRevoked(ManagerRevoked e) {
        directory.managerRevoked(e.districtId(), e.unitId(), e.userId());
    }

    public void linked(VolunteerAccountLinked e) {
        directory.linked(e.districtId(), e.volunteerId(), e.accountId());
    }

    public void teamLed(String districtId, String teamId, String leaderVolunteerId) {
        directory.teamLed(districtId, teamId, leaderVolunteerId);
    }

    public void menuItem(MenuItemPublished e) {
        directory.menuItemNamed(e.districtId(), e.itemId(), e.name());
    }

    public void partner(PartnerRegistered e) {
        directory.unitNamed(e.districtId(), e.partnerId(), e.name());
    }

    /**
     * Erasure: the volunteer's inbox, their account's inbox, preferences and WeChat binding go; the link goes last,
     * so a crash in between erases again on redelivery.
     */
    public void erased(VolunteerErased e) {
        List<String> recipients = new ArrayList<>(List.of(Recipient.volunteer(e.volunteerId()).key()));
        Optional<String> account = directory.accountOf(e.districtId(), e.volunteerId());
        account.ifPresent(id -> recipients.add(Recipient.account(id).key()));
        notices.deleteFor(e.districtId(), recipients);
        account.ifPresent(id -> preferences.erase(e.districtId(), id));
        // Reminders still waiting would raise fresh notices for the erased volunteer.
        timers.cancelMentioning(e.districtId(), "volunteerId", e.volunteerId());
        timers.cancelMentioning(e.districtId(), "participant", Recipient.volunteer(e.volunteerId()).key());
        directory.unlink(e.districtId(), e.volunteerId());
    }

    // --- orders -----------------------------------------------------------------------------------------------------

    public void submitted(RequestSubmitted e) {
        directory.orderSubmitted(e.districtId(), e.requestId(), e.requesterId(), e.responsibleUnitId(),
                e.menuItemId(), e.preferredFrom());
    }

    /** A new clock replaces the warning of the last one; a clock already inside the lead warns at once. */
    public void clockStarted(SlaClockStarted e) {
        Instant warnAt = e.dueAt().minus(settings.slaLead(e.districtId()));
        String id = Timers.id(e.districtId(), SLA, e.requestId());
        if (!e.dueAt().isAfter(clock.instant())) {
            timers.cancel(id);
            return;
        }
        timers.set(id, e.districtId(), NoticeKind.SLA_WARNING, warnAt, Map.of("requestId", e.requestId(),
                "unitId", e.unitId(), "stage", e.stage().name(), "dueAt", e.dueAt().toString()));
    }

    /**
     * One offer notice per person per order, whatever the dispatch: matching's automatic dispatch and the station's
     * own (or a later attempt) offering the same order to the same volunteer tell them once.
     */
    public void dispatched(RequestDispatched e) {
        String cause = e.requestId() + "|offer";
        String service = menuItem(e.districtId(), e.requestId());
        String unit = unitName(e.districtId(), e.unitId()).orElse("服务站");
        Map<String, String> fields = Map.of("service", service, "unit", unit, "requestId", e.requestId());
        for (String volunteerId : e.volunteerIds()) {
            desk.raise(Notice.of(e.districtId(), Recipient.volunteer(volunteerId), NoticeKind.ORDER_OFFERED, cause,
                    "新的服务订单", unit + "派给您一单「" + service + "」服务，请尽快查看并接单。",
                    appLink("/volunteer/offers"), e.dispatchedAt(), fields));
        }
        // A leader's own claim is published as a dispatch to their team (mode CLAIMED): nothing to open for them.
        if (e.teamId() != null && !CLAIMED.equals(e.mode())) {
            directory.leaderOf(e.districtId(), e.teamId()).ifPresent(leader -> desk.raise(Notice.of(e.districtId(),
                    Recipient.volunteer(leader), NoticeKind.TEAM_CLAIM_OPEN, cause, "团队可认领订单",
                    "「" + service + "」订单已派给您带领的团队，请安排队员认领。", appLink("/volunteer/offers"),
                    e.dispatchedAt(), fields)));
        }
    }

    public void accepted(RequestAccepted e, String cause) {
        if (e.volunteerId() != null) {
            directory.orderAcceptedBy(e.districtId(), e.requestId(), e.volunteerId());
        }
        Optional<Directory.Order> order = directory.order(e.districtId(), e.requestId());
        String service = serviceOf(e.districtId(), order);
        toRequester(order, e.districtId(), NoticeKind.ORDER_ACCEPTED, cause, "订单已被接单",
                "您的「" + service + "」服务已有志愿者接单，请保持电话畅通。", e.acceptedAt(), service);
        Instant startsAt = order.map(Directory.Order::preferredFrom).orElse(null);
        if (e.volunteerId() != null && startsAt != null && startsAt.isAfter(clock.instant())) {
            timers.set(Timers.id(e.districtId(), CHECK_IN, e.requestId()), e.districtId(),
                    NoticeKind.CHECK_IN_REMINDER, startsAt.minus(settings.checkInLead()), Map.of("requestId",
                            e.requestId(), "volunteerId", e.volunteerId(), "startsAt", startsAt.toString()));
        }
    }

    public void checkedIn(RequestCheckedIn e, String cause) {
        timers.cancel(Timers.id(e.districtId(), CHECK_IN, e.requestId()));
        Optional<Directory.Order> order = directory.order(e.districtId(), e.requestId());
        String service = serviceOf(e.districtId(), order);
        toRequester(order, e.districtId(), NoticeKind.ORDER_IN_SERVICE,
                cause, "服务已开始", "志愿者已到达并签到，您的「" + service + "」服务正在进行。", e.at(), service);
    }

    public void completed(RequestCompleted e, String cause) {
        closed(e.districtId(), e.requestId());
        Optional<Directory.Order> order = directory.order(e.districtId(), e.requestId());
        String service = serviceOf(e.districtId(), order);
        toRequester(order, e.districtId(), NoticeKind.ORDER_COMPLETED,
                cause, "服务已完成", "您的「" + service + "」服务已完成，欢迎为本次服务评价。", e.completedAt(), service);
    }

    public void rejected(RequestRejected e, String cause) {
        closed(e.districtId(), e.requestId());
        Optional<Directory.Order> order = directory.order(e.districtId(), e.requestId());
        String service = serviceOf(e.districtId(), order);
        order.filter(o -> o.requesterId() != null).ifPresent(o -> desk.raise(Notice.of(e.districtId(),
                Recipient.account(o.requesterId()), NoticeKind.ORDER_REJECTED, cause, "订单未被受理",
                "您的「" + service + "」订单未被受理，原因：" + e.reason(), appLink("/orders/" + e.requestId()),
                e.rejectedAt(), Map.of("service", service, "reason", e.reason(), "requestId", e.requestId()))));
    }

    public void escalated(RequestEscalated e, String cause) {
        if (e.toUnitId() == null) {
            return;
        }
        directory.orderMovedTo(e.districtId(), e.requestId(), e.toUnitId());
        Optional<Directory.Order> order = directory.order(e.districtId(), e.requestId());
        String service = serviceOf(e.districtId(), order);
        String to = unitName(e.districtId(), e.toUnitId()).orElse("上级单位");
        String from = unitName(e.districtId(), e.fromUnitId()).orElse("原服务站");
        toRequester(order, e.districtId(), NoticeKind.ORDER_ESCALATED,
                cause, "订单已转上级处理", "您的「" + service + "」订单已转至" + to + "处理。", e.escalatedAt(), service);
        desk.raise(Notice.of(e.districtId(), Recipient.unit(e.toUnitId()), NoticeKind.ESCALATED_TO_UNIT, cause,
                "订单升级至本单位", "「" + service + "」订单因" + Texts.stage(e.stage()) + "超时，已从" + from
                        + "升级至本单位，请尽快处理。", consoleLink("/orders/" + e.requestId()), e.escalatedAt(),
                Map.of("service", service, "stage", e.stage().name(), "requestId", e.requestId())));
    }

    /** An order that ended: nothing of it is waiting any more. */
    public void closed(String districtId, String requestId) {
        timers.cancel(Timers.id(districtId, SLA, requestId));
        timers.cancel(Timers.id(districtId, CHECK_IN, requestId));
    }

    // --- activities -------------------------------------------------------------------------------------------------

    public void activityPublished(ActivityPublished e) {
        directory.activityPublished(e.districtId(), e.activityId(), e.title(), e.place(), e.startsAt());
    }

    public void signedUp(ActivitySignedUp e, String cause) {
        Recipient who = participant(e.participantId(), e.role());
        Optional<Directory.Activity> activity = directory.activity(e.districtId(), e.activityId());
        String title = activity.map(Directory.Activity::title).orElse("志愿活动");
        String starts = activity.map(a -> "，活动将于" + texts.when(e.districtId(), a.startsAt()) + "开始")
                .orElse("");
        desk.raise(Notice.of(e.districtId(), who, NoticeKind.ACTIVITY_SIGNED_UP, cause, "活动报名成功",
                "您已报名「" + title + "」" + starts + "。", activityLink(who), e.signedUpAt(),
                Map.of("activity", title, "activityId", e.activityId())));
        activity.filter(a -> a.startsAt().isAfter(clock.instant())).ifPresent(a -> timers.set(
                Timers.id(e.districtId(), ACTIVITY, e.activityId() + "|" + e.participantId()), e.districtId(),
                NoticeKind.ACTIVITY_REMINDER, a.startsAt().minus(settings.activityLead()), Map.of(
                        "activityId", e.activityId(), "participant", who.key())));
    }

    public void signUpCancelled(ActivitySignUpCancelled e) {
        timers.cancel(Timers.id(e.districtId(), ACTIVITY, e.activityId() + "|" + e.participantId()));
    }

    // --- pairings ---------------------------------------------------------------------------------------------------

    public void pairingFormed(PairingFormed e) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("pairingId", e.pairingId());
        data.put("partnerId", e.partnerId());
        data.put("stations", String.join(",", e.stationIds()));
        data.put("since", e.startDate().toString());
        timers.set(Timers.id(e.districtId(), PAIRING, e.pairingId()), e.districtId(), NoticeKind.PAIRING_DORMANT,
                dormantAt(e.districtId(), e.startDate()), data);
    }

    /** Activity restarts the pairing's clock (an older activity arriving late does not wind it back). */
    public void pairingActive(PairingActivityRecorded e) {
        String id = Timers.id(e.districtId(), PAIRING, e.pairingId());
        timers.find(id).ifPresent(timer -> {
                    LocalDate since = LocalDate.parse(timer.data().get("since"));
                    if (e.heldOn().isAfter(since)) {
                        Map<String, String> data = new LinkedHashMap<>(timer.data());
                        data.put("since", e.heldOn().toString());
                        timers.set(id, e.districtId(), NoticeKind.PAIRING_DORMANT,
                                dormantAt(e.districtId(), e.heldOn()), data);
                    }
                });
    }

    public void pairingEnded(PairingEnded e) {
        timers.cancel(Timers.id(e.districtId(), PAIRING, e.pairingId()));
    }

    private Instant dormantAt(String districtId, LocalDate since) {
        ZoneId zone = settings.zone(districtId);
        return since.atStartOfDay(zone).toInstant().plus(settings.pairingDormantAfter());
    }

    // --- timers -----------------------------------------------------------------------------------------------------

    /** Raises a due timer's notice. A dormant pairing's timer is set again for the next spell. */
    public void fire(Timers.Timer timer) {
        String district = timer.districtId();
        Map<String, String> data = timer.data();
        switch (timer.kind()) {
            case SLA_WARNING -> {
                String requestId = data.get("requestId");
                Stage stage = Stage.valueOf(data.get("stage"));
                Instant dueAt = Instant.parse(data.get("dueAt"));
                String service = menuItem(district, requestId);
                desk.raise(Notice.of(district, Recipient.unit(data.get("unitId")), NoticeKind.SLA_WARNING,
                        requestId + "|" + stage + "|" + dueAt, "订单即将超时", "「" + service + "」订单的"
                                + Texts.stage(stage) + "时限将于" + texts.when(district, dueAt) + "到期，请及时处理。",
                        consoleLink("/orders/" + requestId), dueAt, Map.of("service", service, "stage",
                                stage.name(), "dueAt", dueAt.toString(), "requestId", requestId)));
            }
            case CHECK_IN_REMINDER -> {
                String requestId = data.get("requestId");
                Instant startsAt = Instant.parse(data.get("startsAt"));
                String service = menuItem(district, requestId);
                desk.raise(Notice.of(district, Recipient.volunteer(data.get("volunteerId")),
                        NoticeKind.CHECK_IN_REMINDER, requestId + "|" + startsAt, "服务即将开始", "您接下的「"
                                + service + "」服务将于" + texts.when(district, startsAt) + "开始，请按时到达并签到。",
                        appLink("/volunteer/assignments"), startsAt, Map.of("service", service, "requestId",
                                requestId)));
            }
            case ACTIVITY_REMINDER -> directory.activity(district, data.get("activityId")).ifPresent(activity -> {
                Recipient who = Recipient.parse(data.get("participant"));
                String place = activity.place() == null ? "" : "在" + activity.place();
                desk.raise(Notice.of(district, who, NoticeKind.ACTIVITY_REMINDER, activity.activityId() + "|"
                                + activity.startsAt(), "活动即将开始", "您报名的「" + activity.title() + "」将于"
                                + texts.when(district, activity.startsAt()) + place + "开始。", activityLink(who),
                        activity.startsAt(), Map.of("activity", activity.title(), "activityId",
                                activity.activityId())));
            });
            case PAIRING_DORMANT -> {
                String partner = directory.unitName(district, data.get("partnerId")).orElse("结对单位");
                LocalDate since = LocalDate.parse(data.get("since"));
                long days = settings.pairingDormantAfter().toDays();
                for (String station : data.get("stations").split(",")) {
                    desk.raise(Notice.of(district, Recipient.unit(station), NoticeKind.PAIRING_DORMANT,
                            data.get("pairingId") + "|" + since, "结对活动提醒", "与" + partner + "的结对已超过" + days
                                    + "天没有活动，请安排结对活动。", consoleLink("/"), timer.fireAt(),
                            Map.of("partner", partner, "pairingId", data.get("pairingId"))));
                }
                // The next spell counts from now: a pairing dormant for several spells is told once, not once per
                // spell that passed while nobody looked.
                Map<String, String> next = new LinkedHashMap<>(data);
                next.put("since", LocalDate.ofInstant(clock.instant(), settings.zone(district)).toString());
                timers.set(timer.id(), district, NoticeKind.PAIRING_DORMANT,
                        dormantAt(district, LocalDate.parse(next.get("since"))), next);
                return;
            }
            default -> throw new IllegalStateException("no timer for " + timer.kind());
        }
        timers.fired(timer);
    }

    private void toRequester(Optional<Directory.Order> order, String districtId, NoticeKind kind, String cause,
                             String title, String body, Instant at, String service) {
        order.filter(o -> o.requesterId() != null).ifPresent(o -> desk.raise(Notice.of(districtId,
                Recipient.account(o.requesterId()), kind, cause, title, body, appLink("/orders/" + o.requestId()),
                at, Map.of("service", service, "requestId", o.requestId()))));
    }

    private String menuItem(String districtId, String requestId) {
        return serviceOf(districtId, directory.order(districtId, requestId));
    }

    /**
     * The name of the order's service, from an order already looked up. Its menu item is another aggregate, perhaps
     * on another consumer thread: a record waits a moment for it ({@link FactWaits}).
     */
    private String serviceOf(String districtId, Optional<Directory.Order> order) {
        return service(order.map(Directory.Order::menuItemId).flatMap(item -> waits.await("menu item " + item,
                () -> directory.menuItemName(districtId, item))).orElse(null));
    }

    /** A unit's name; the unit's events are on another topic, so a record waits a moment for it. */
    private Optional<String> unitName(String districtId, String unitId) {
        return unitId == null ? Optional.empty()
                : waits.await("unit " + unitId, () -> directory.unitName(districtId, unitId));
    }

    private static Recipient participant(String participantId, String role) {
        return "VOLUNTEER".equals(role) ? Recipient.volunteer(participantId) : Recipient.account(participantId);
    }

    private static String activityLink(Recipient who) {
        return who.type() == Recipient.Type.VOL ? appLink("/volunteer/activities") : appLink("/activities");
    }
}
