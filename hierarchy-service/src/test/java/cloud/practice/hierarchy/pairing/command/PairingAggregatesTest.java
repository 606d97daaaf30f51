package cloud.practice.hierarchy.pairing.command;

import cloud.practice.events.hierarchy.PairingActivityRecorded;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.events.hierarchy.PartnerRegistered;
import cloud.practice.events.hierarchy.PartnerType;
import cloud.practice.hierarchy.pairing.api.PairingCommands.EndPairingCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.FormPairingCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RecordPairingActivityCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RegisterPartnerCommand;
import cloud.practice.support.domain.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

/**
 * Partners and pairings have client-chosen ids, so their aggregate ids are scoped by district: two districts may both
 * have {@code partner-1} and {@code pairing-1}, while events keep the public id and the district.
 */
class PairingAggregatesTest {

    static final LocalDate START = LocalDate.of(2026, 2, 1);

    @Test
    void shouldKeyAPartnerByItsDistrictWhileItsEventCarriesThePublicId() {
        new AggregateTestFixture<>(Partner.class)
                .givenNoPriorActivity()
                .when(new RegisterPartnerCommand("partner-1", "cq-a", PartnerType.CIVILIZED_UNIT, "区税务局", null, null))
                .expectEvents(new PartnerRegistered("partner-1", "cq-a", PartnerType.CIVILIZED_UNIT, "区税务局", null,
                        null))
                .expectResultMessagePayload("cq-a/partner/partner-1");
    }

    @Test
    void shouldKeyAPairingByItsDistrictWhileItsEventCarriesThePublicId() {
        new AggregateTestFixture<>(Pairing.class)
                .givenNoPriorActivity()
                .when(new FormPairingCommand("pairing-1", "cq-a", "partner-1", List.of("s-1"),
                        PairingModel.ORGANISATION_PAIRING, 2, START, null))
                .expectEvents(new PairingFormed("pairing-1", "cq-a", "partner-1", List.of("s-1"),
                        PairingModel.ORGANISATION_PAIRING, 2, START, null))
                .expectResultMessagePayload("cq-a/pairing/pairing-1");
    }

    @Test
    void shouldRecordActivityWithThePublicIdAndTheDistrict() {
        new AggregateTestFixture<>(Pairing.class)
                .given(new PairingFormed("pairing-1", "cq-a", "partner-1", List.of("s-1"),
                        PairingModel.ORGANISATION_PAIRING, 2, START, null))
                .when(new RecordPairingActivityCommand("pairing-1", "cq-a", "s-1", "activity-1", "税法进社区",
                        START.plusDays(3)))
                .expectEvents(new PairingActivityRecorded("pairing-1", "cq-a", "s-1", "activity-1", "税法进社区",
                        START.plusDays(3)));
    }

    @Test
    void shouldRefuseActivityOnAnEndedPairing() {
        new AggregateTestFixture<>(Pairing.class)
                .given(new PairingFormed("pairing-1", "cq-a", "partner-1", List.of("s-1"),
                                PairingModel.ORGANISATION_PAIRING, 2, START, null),
                        new PairingEnded("pairing-1", "cq-a", "done", START.plusDays(10)))
                .when(new RecordPairingActivityCommand("pairing-1", "cq-a", "s-1", "activity-1", "税法进社区",
                        START.plusDays(20)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void shouldTargetTheDistrictScopedAggregateWithEveryCommand() {
        org.assertj.core.api.Assertions.assertThat(List.of(
                        targetOf(new RegisterPartnerCommand("partner-1", "cq-a", PartnerType.CIVILIZED_UNIT, "x", null,
                                null)),
                        targetOf(new FormPairingCommand("pairing-1", "cq-a", "partner-1", List.of("s-1"),
                                PairingModel.ORGANISATION_PAIRING, 2, START, null)),
                        targetOf(new RecordPairingActivityCommand("pairing-1", "cq-a", "s-1", null, "x", START)),
                        targetOf(new EndPairingCommand("pairing-1", "cq-a", null, START))))
                .containsExactly("cq-a/partner/partner-1", "cq-a/pairing/pairing-1", "cq-a/pairing/pairing-1",
                        "cq-a/pairing/pairing-1");
    }

    private static String targetOf(Object command) {
        return org.axonframework.modelling.command.AnnotationCommandTargetResolver.builder().build()
                .resolveTarget(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(command))
                .getIdentifier();
    }
}
