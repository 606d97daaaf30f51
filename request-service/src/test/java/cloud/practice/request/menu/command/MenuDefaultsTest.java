package cloud.practice.request.menu.command;

import cloud.practice.events.request.Stage;
import cloud.practice.request.menu.api.LocationRule;
import cloud.practice.request.menu.api.MenuInternalEvents.LocationRuleSet;
import cloud.practice.request.menu.api.MenuCommands.SetLocationRuleCommand;
import cloud.practice.request.menu.api.MenuCommands.SetPhotoRuleCommand;
import cloud.practice.request.menu.api.MenuInternalEvents.PhotoRuleSet;
import cloud.practice.request.menu.api.MenuCommands.SetMenuDefaultsCommand;
import cloud.practice.request.menu.api.MenuInternalEvents.MenuDefaultsSet;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

/**
 * A district's menu defaults: set the first time and replaced every time after (the controller checks the durations;
 * the aggregate refuses nothing).
 */
class MenuDefaultsTest {

    static final String D = "cq-jiulongpo";
    static final Map<Stage, Duration> PLATFORM = Map.of(Stage.REVIEW, Duration.ofHours(2), Stage.DISPATCH,
            Duration.ofHours(4), Stage.ACCEPT, Duration.ofHours(8), Stage.COMPLETE, Duration.ofDays(3));
    static final Map<Stage, Duration> QUICKER = Map.of(Stage.REVIEW, Duration.ofMinutes(30), Stage.DISPATCH,
            Duration.ofHours(1), Stage.ACCEPT, Duration.ofHours(2), Stage.COMPLETE, Duration.ofDays(1));

    private AggregateTestFixture<MenuDefaults> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(MenuDefaults.class);
    }

    @Test
    void shouldSetADistrictsFirstDefaults() {
        fixture.givenNoPriorActivity().when(new SetMenuDefaultsCommand(D, QUICKER, Duration.ofDays(14)))
                .expectEvents(new MenuDefaultsSet(D, QUICKER, Duration.ofDays(14)));
    }

    @Test
    void shouldReplaceTheDefaultsEveryTimeTheyAreSet() {
        fixture.given(new MenuDefaultsSet(D, PLATFORM, Duration.ofDays(7)))
                .when(new SetMenuDefaultsCommand(D, QUICKER, Duration.ofDays(3)))
                .expectEvents(new MenuDefaultsSet(D, QUICKER, Duration.ofDays(3)));
        fixture.given(new MenuDefaultsSet(D, QUICKER, Duration.ofDays(3)))
                .when(new SetMenuDefaultsCommand(D, QUICKER, Duration.ofDays(3)))
                .expectEvents(new MenuDefaultsSet(D, QUICKER, Duration.ofDays(3)));
    }

    @Test
    void shouldSetADistrictsLocationRuleFirstOrBesideItsMenuDefaults() {
        fixture.givenNoPriorActivity().when(new SetLocationRuleCommand(D, 800, LocationRule.Beyond.REFUSE))
                .expectEvents(new LocationRuleSet(D, 800, LocationRule.Beyond.REFUSE));
        fixture.given(new MenuDefaultsSet(D, PLATFORM, Duration.ofDays(7)),
                        new LocationRuleSet(D, 800, LocationRule.Beyond.REFUSE))
                .when(new SetLocationRuleCommand(D, 500, LocationRule.Beyond.FLAG))
                .expectEvents(new LocationRuleSet(D, 500, LocationRule.Beyond.FLAG));
        fixture.given(new LocationRuleSet(D, 800, LocationRule.Beyond.REFUSE))
                .when(new SetMenuDefaultsCommand(D, QUICKER, Duration.ofDays(3)))
                .expectEvents(new MenuDefaultsSet(D, QUICKER, Duration.ofDays(3)));
    }

    @Test
    void shouldSetADistrictsPhotoRuleFirstOrBesideItsOtherDefaults() {
        fixture.givenNoPriorActivity().when(new SetPhotoRuleCommand(D, true)).expectEvents(new PhotoRuleSet(D, true));
        fixture.given(new LocationRuleSet(D, 800, LocationRule.Beyond.REFUSE), new PhotoRuleSet(D, true))
                .when(new SetPhotoRuleCommand(D, false)).expectEvents(new PhotoRuleSet(D, false));
    }
}
