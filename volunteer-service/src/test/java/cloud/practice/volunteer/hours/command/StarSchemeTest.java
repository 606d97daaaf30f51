package cloud.practice.volunteer.hours.command;

import cloud.practice.volunteer.hours.api.HourCommands;
import cloud.practice.volunteer.hours.api.HourCommands.ConfigureStarThresholdsCommand;
import cloud.practice.volunteer.hours.api.HourInternalEvents.StarThresholdsConfigured;
import cloud.practice.volunteer.support.Clocks;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cloud.practice.volunteer.support.Problems.problem;

class StarSchemeTest {

    static final String DISTRICT = "cq-jiulongpo";
    static final String SCHEME = HourCommands.schemeId(DISTRICT);

    private FixtureConfiguration<StarScheme> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StarScheme.class).registerInjectableResource(Clocks.fixed());
    }

    @Test
    void shouldRecordWhoSetTheThresholdsWhenADistrictConfiguresThem() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureStarThresholdsCommand(SCHEME, DISTRICT, List.of(50, 150, 300, 500, 800), "admin"))
                .expectEvents(new StarThresholdsConfigured(DISTRICT, List.of(50, 150, 300, 500, 800), "admin",
                        Clocks.NOW));
    }

    @Test
    void shouldChangeNothingWhenTheThresholdsAreTheSame() {
        fixture.given(new StarThresholdsConfigured(DISTRICT, List.of(50, 150, 300, 500, 800), "admin", Clocks.NOW))
                .when(new ConfigureStarThresholdsCommand(SCHEME, DISTRICT, List.of(50, 150, 300, 500, 800), "other"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseThresholdsWhenTheyDoNotIncrease() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureStarThresholdsCommand(SCHEME, DISTRICT, List.of(100, 300, 300, 1000, 1500), "admin"))
                .expectException(problem("invalid-field", "thresholds"));
    }

    @Test
    void shouldRefuseThresholdsWhenThereAreNotFive() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureStarThresholdsCommand(SCHEME, DISTRICT, List.of(100, 300), "admin"))
                .expectException(problem("invalid-field", "thresholds"));
    }
}
