package cloud.practice.hierarchy.pairing.command;

import cloud.practice.events.hierarchy.PartnerRegistered;
import cloud.practice.events.hierarchy.PartnerType;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RegisterPartnerCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A partner organisation is registered once with what the command says, its contact number masked: the event leaves
 * the service on Kafka, and personal data leaves only masked. Duplicate ids are refused before the command is sent
 * and by the event store (409 {@code partner-exists}, see HierarchyTenancyIT), so the aggregate has nothing to refuse.
 */
class PartnerTest {

    static final String DISTRICT = "cq-jiulongpo";

    private AggregateTestFixture<Partner> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Partner.class);
    }

    @Test
    void shouldRegisterAPartnerWithEveryFieldAndTheContactMasked() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand("partner-tax", DISTRICT, PartnerType.CIVILIZED_UNIT, "区税务局",
                        "区委宣传部", "023-68781234"))
                .expectEvents(new PartnerRegistered("partner-tax", DISTRICT, PartnerType.CIVILIZED_UNIT, "区税务局",
                        "区委宣传部", "023*****234"));
    }

    @Test
    void shouldMaskAMobileNumberKeepingOnlyItsFirstAndLastThreeDigits() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand("partner-cadre", DISTRICT, PartnerType.PARTY_CADRE, "王干部", null,
                        "+86 138 1234 5678"))
                .expectEvents(new PartnerRegistered("partner-cadre", DISTRICT, PartnerType.PARTY_CADRE, "王干部", null,
                        "+86********678"));
    }

    @Test
    void shouldRegisterAPartnerWithoutContactOrOwningDepartment() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand("partner-social", DISTRICT, PartnerType.SOCIAL_WORK_ORGANISATION,
                        "九龙社工站", null, null))
                .expectEvents(new PartnerRegistered("partner-social", DISTRICT, PartnerType.SOCIAL_WORK_ORGANISATION,
                        "九龙社工站", null, null));
    }

    @Test
    void shouldRecordNoContactWhenTheContactIsBlank() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand("partner-party", DISTRICT, PartnerType.PARTY_ORGANISATION,
                        "区委组织部", null, "  "))
                .expectEvents(new PartnerRegistered("partner-party", DISTRICT, PartnerType.PARTY_ORGANISATION,
                        "区委组织部", null, null));
    }
}
