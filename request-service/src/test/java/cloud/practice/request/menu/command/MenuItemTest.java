package cloud.practice.request.menu.command;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.MenuItemPublished;
import cloud.practice.events.request.MenuItemRetired;
import cloud.practice.events.request.Stage;
import cloud.practice.request.menu.api.MenuCommands;
import cloud.practice.request.menu.api.MenuCommands.PublishMenuItemCommand;
import cloud.practice.request.menu.api.MenuCommands.RetireMenuItemCommand;
import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.api.MenuField.Datatype;
import cloud.practice.request.menu.api.MenuInternalEvents.MenuItemDefined;
import cloud.practice.support.axon.ExpectedVersion;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.web.ProblemHandling;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A menu item (点单菜单): published and published again as new versions (only while not stale), its extra fields
 * checked, retired for good.
 */
class MenuItemTest {

    static final String D = "cq-jiulongpo";
    static final String CODE = "CARE-ESCORT";
    static final String ID = MenuCommands.itemId(D, CODE);
    static final Instant NOW = Instant.parse("2026-03-07T01:00:00Z");
    static final Map<Stage, Duration> SLA = Map.of(Stage.REVIEW, Duration.ofHours(2), Stage.DISPATCH,
            Duration.ofHours(4), Stage.ACCEPT, Duration.ofHours(8), Stage.COMPLETE, Duration.ofDays(3));

    static final MenuField HOSPITAL = new MenuField("hospital", "医院", Datatype.STRING, true, 1, "去哪家医院", List.of());
    static final MenuField MOBILITY = new MenuField("mobility", "行动能力", Datatype.SINGLEVALUELIST, false, 2, null,
            List.of(new MenuField.Value("walk", "可步行"), new MenuField.Value("wheelchair", "轮椅")));

    private AggregateTestFixture<MenuItem> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(MenuItem.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static PublishMenuItemCommand publish(String name, List<MenuField> fields) {
        return new PublishMenuItemCommand(ID, D, CODE, name, "陪同老人就医", ServicePlatform.CARE, List.of("就医", "陪同"),
                2, 120, 1, fields, List.of("s-pl", "s-jly"), SLA, Duration.ofDays(7));
    }

    static PublishMenuItemCommand publish(List<MenuField> fields) {
        return publish("陪同就医", fields);
    }

    static MenuItemPublished itemPublished(String name) {
        return new MenuItemPublished(ID, D, CODE, name, ServicePlatform.CARE, 2, 120, 1, List.of("s-pl", "s-jly"));
    }

    static MenuItemDefined defined(List<MenuField> fields) {
        return new MenuItemDefined(ID, D, "陪同老人就医", List.of("就医", "陪同"), fields, SLA, Duration.ofDays(7));
    }

    /** The events of a first version named {@code name} with the two fields. */
    static List<Object> published(String name) {
        return List.of(itemPublished(name), defined(List.of(HOSPITAL, MOBILITY)));
    }

    static org.hamcrest.Matcher<?> refused(HttpStatus status, String type, String field) {
        return Matchers.predicate(e -> e instanceof RuleViolation refusal
                && ProblemHandling.statusOf(refusal.kind()) == status && refusal.code().equals(type)
                && (field == null || field.equals(refusal.field())));
    }

    // ---------------------------------------------------------------------------------------------- publish

    @Test
    void shouldPublishANewItemWithItsPublishedAndItsInternalTerms() {
        fixture.givenNoPriorActivity().when(publish(List.of(HOSPITAL, MOBILITY)))
                .expectEvents(itemPublished("陪同就医"), defined(List.of(HOSPITAL, MOBILITY)));
    }

    @Test
    void shouldPublishANewVersionOfAnItem() {
        fixture.given(published("陪同就医")).when(publish("陪同就医（新版）", List.of(HOSPITAL)))
                .expectEvents(itemPublished("陪同就医（新版）"), defined(List.of(HOSPITAL)));
    }

    @Test
    void shouldPublishANewVersionOnlyOverTheVersionTheCallerRead() {
        // two events so far: the item is at version 1
        fixture.given(published("陪同就医")).when(publish(List.of(HOSPITAL)), Map.of(ExpectedVersion.META, 1L))
                .expectEvents(itemPublished("陪同就医"), defined(List.of(HOSPITAL)));
        fixture.given(published("陪同就医")).when(publish(List.of(HOSPITAL)), Map.of(ExpectedVersion.META, 0L))
                .expectException(Matchers.predicate(e -> e instanceof ApiException refusal
                        && refusal.status() == HttpStatus.PRECONDITION_FAILED && refusal.type().equals("stale-version")
                        && Long.valueOf(1).equals(refusal.properties().get("currentVersion"))))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseTwoFieldsWithOneCode() {
        MenuField again = new MenuField("hospital", "另一家医院", Datatype.TEXT, false, 3, null, List.of());
        fixture.givenNoPriorActivity().when(publish(List.of(HOSPITAL, MOBILITY, again)))
                .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "fields")).expectNoEvents();
    }

    @Test
    void shouldRefuseAListFieldWithoutValues() {
        for (Datatype list : new Datatype[]{Datatype.SINGLEVALUELIST, Datatype.MULTIVALUELIST}) {
            for (List<MenuField.Value> values : java.util.Arrays.asList(List.<MenuField.Value>of(), null)) {
                fixture.givenNoPriorActivity()
                        .when(publish(List.of(new MenuField("topic", "主题", list, true, 1, null, values))))
                        .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "fields")).expectNoEvents();
            }
        }
    }

    @Test
    void shouldRefuseValuesOnAFieldThatIsNotAList() {
        for (Datatype plain : new Datatype[]{Datatype.STRING, Datatype.NUMBER, Datatype.DATETIME, Datatype.TEXT}) {
            fixture.givenNoPriorActivity()
                    .when(publish(List.of(new MenuField("topic", "主题", plain, true, 1, null, MOBILITY.values()))))
                    .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "fields")).expectNoEvents();
        }
    }

    @Test
    void shouldRefuseToPublishARetiredItemAgain() {
        fixture.given(published("陪同就医")).andGiven(new MenuItemRetired(ID, D, NOW))
                .when(publish(List.of(HOSPITAL)))
                .expectException(refused(HttpStatus.CONFLICT, "item-retired", null)).expectNoEvents();
    }

    // ---------------------------------------------------------------------------------------------- retire

    @Test
    void shouldRetireAnItemAtTheTimeOfRetiring() {
        fixture.given(published("陪同就医")).when(new RetireMenuItemCommand(ID, D))
                .expectEvents(new MenuItemRetired(ID, D, NOW));
    }

    @Test
    void shouldRefuseToRetireAnItemTwice() {
        fixture.given(published("陪同就医")).andGiven(new MenuItemRetired(ID, D, NOW))
                .when(new RetireMenuItemCommand(ID, D))
                .expectException(refused(HttpStatus.CONFLICT, "illegal-transition", null)).expectNoEvents();
    }

    @Test
    void shouldNotCreateAnItemByRetiringIt() {
        fixture.givenNoPriorActivity().when(new RetireMenuItemCommand(ID, D))
                .expectException(AggregateNotFoundException.class).expectNoEvents();
    }
}
