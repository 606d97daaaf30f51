package cloud.practice.volunteer.registry.command;

import cloud.practice.volunteer.registry.VolunteerMother;

import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerAvailabilityChanged;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.events.volunteer.VolunteerRegistered;
import cloud.practice.events.volunteer.VolunteerRenamed;
import cloud.practice.events.volunteer.VolunteerSkillsChanged;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.VolunteerStatusChanged;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.volunteer.privacy.IdentityIndex;
import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.registry.api.ConsentMethod;
import cloud.practice.volunteer.registry.api.Decision;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeContactConsentCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangePersonalDataCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeSkillsCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.ChangeVolunteerStatusCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.DecideApplicationCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.EraseVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerCommands.RegisterVolunteerCommand;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.AccountLinkConsentRecorded;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationApproved;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationErased;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplicationRefused;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerApplied;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerErasureRequested;
import cloud.practice.volunteer.registry.api.VolunteerInternalEvents.VolunteerPersonalDataRecorded;
import cloud.practice.volunteer.support.Clocks;
import cloud.practice.volunteer.support.InMemoryMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cloud.practice.volunteer.registry.VolunteerMother.APPROXIMATE_HOME;
import static cloud.practice.volunteer.registry.VolunteerMother.DISTRICT;
import static cloud.practice.volunteer.registry.VolunteerMother.HOME_UNIT;
import static cloud.practice.volunteer.registry.VolunteerMother.LANGUAGES;
import static cloud.practice.volunteer.registry.VolunteerMother.SKILLS;
import static cloud.practice.volunteer.registry.VolunteerMother.WEEKENDS;
import static cloud.practice.volunteer.registry.VolunteerMother.adult;
import static cloud.practice.volunteer.registry.VolunteerMother.agedOn;
import static cloud.practice.volunteer.registry.VolunteerMother.apply;
import static cloud.practice.volunteer.registry.VolunteerMother.register;
import static cloud.practice.volunteer.registry.VolunteerMother.registerLinked;
import static cloud.practice.volunteer.registry.VolunteerMother.withGuardian;
import static cloud.practice.volunteer.support.Clocks.NOW;
import static cloud.practice.volunteer.support.Clocks.TODAY;
import static cloud.practice.volunteer.support.Problems.problem;

/** Every rule of the volunteer registry and of applications to it, one fixture test each. */
class VolunteerTest {

    static final String ID = "vol-1";

    private FixtureConfiguration<Volunteer> fixture;
    private IdentityIndex identities;
    private PersonalDataVault vault;

    @BeforeEach
    void setUp() {
        MongoDatabase database = InMemoryMongo.freshDatabase();
        vault = new PersonalDataVault(database, "");
        identities = new IdentityIndex(database, "pepper", Clocks.fixed(), owner -> true);
        fixture = newFixture();
    }

    /** A fixture over the same vault and identity index (for a second command in one test). */
    private FixtureConfiguration<Volunteer> newFixture() {
        return new AggregateTestFixture<>(Volunteer.class)
                .registerInjectableResources(Clocks.fixed(), vault, identities)
                .registerIgnoredField(VolunteerPersonalDataRecorded.class, "sealed");
    }

    private static VolunteerRegistered registered() {
        return new VolunteerRegistered(ID, DISTRICT, "张*明", HOME_UNIT, APPROXIMATE_HOME, SKILLS, LANGUAGES,
                WEEKENDS, true, NOW);
    }

    private static VolunteerPersonalDataRecorded sealed() {
        return new VolunteerPersonalDataRecorded(ID, DISTRICT, "(ignored)", NOW);
    }

    @Test
    void shouldRegisterWithMaskedNameAndApproximateLocationWhenAnAdultRegisters() {
        fixture.givenNoPriorActivity()
                .when(register(ID, adult()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(), sealed());
    }

    @Test
    void shouldPublishDatesAwayWhenRegisteredWithAvailabilityExceptions() {
        RegisterVolunteerCommand base = register(ID, adult());
        List<LocalDate> away = List.of(LocalDate.of(2026, 4, 4));
        fixture.givenNoPriorActivity()
                .when(new RegisterVolunteerCommand(ID, DISTRICT, base.personal(), HOME_UNIT, base.homeLocation(),
                        SKILLS, LANGUAGES, WEEKENDS, away, true))
                .expectEvents(registered(), sealed(),
                        new VolunteerAvailabilityChanged(ID, DISTRICT, WEEKENDS, away, true));
    }

    @Test
    void shouldRefuseRegistrationWhenTheVolunteerIsUnder14() {
        fixture.givenNoPriorActivity()
                .when(register(ID, withGuardian(agedOn(TODAY, 13, 364))))
                .expectException(problem("too-young"))
                .expectNoEvents();
    }

    @Test
    void shouldRegisterWhenTheVolunteerTurns14Today() {
        fixture.givenNoPriorActivity()
                .when(register(ID, withGuardian(agedOn(TODAY, 14, 0))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldRequireGuardianConsentWhenTheVolunteerIsUnder18() {
        fixture.givenNoPriorActivity()
                .when(register(ID, agedOn(TODAY, 17, 300)))
                .expectException(problem("guardian-consent-required", "guardian"))
                .expectNoEvents();
    }

    @Test
    void shouldRegisterAMinorWhenTheGuardianConsented() {
        fixture.givenNoPriorActivity()
                .when(register(ID, withGuardian(agedOn(TODAY, 16, 0))))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldNeedNoGuardianWhenTheVolunteerTurns18Today() {
        fixture.givenNoPriorActivity()
                .when(register(ID, agedOn(TODAY, 18, 0)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldRefuseABirthDateInTheFutureWhenRegistering() {
        fixture.givenNoPriorActivity()
                .when(register(ID, agedOn(TODAY, 0, -1)))
                .expectException(problem("invalid-field", "birthDate"));
    }

    @Test
    void shouldAnswerConflictWhenThePhoneIsRegisteredInTheDistrict() {
        identities.reserve(DISTRICT, "vol-other", "+8613812345678", null);
        fixture.givenNoPriorActivity()
                .when(register(ID, adult()))
                .expectException(problem("duplicate-volunteer", "phone"))
                .expectNoEvents();
    }

    @Test
    void shouldAnswerConflictWhenTheIdNumberIsRegisteredInTheDistrict() {
        identities.reserve(DISTRICT, "vol-other", "13900000000", adult().idNumber().toLowerCase());
        fixture.givenNoPriorActivity()
                .when(register(ID, adult()))
                .expectException(problem("duplicate-volunteer", "idNumber"));
    }

    @Test
    void shouldRegisterAndPublishTheLinkWhenStaffRecordedThePersonsConsent() {
        fixture.givenNoPriorActivity()
                .when(registerLinked(ID, adult(), "acct-1", "admin-pl"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered(), sealed(), new AccountLinkConsentRecorded(ID, DISTRICT, "acct-1",
                                ConsentMethod.PAPER_FORM, NOW.minusSeconds(86_400), "admin-pl"),
                        new VolunteerAccountLinked(ID, DISTRICT, "acct-1", NOW));
    }

    @Test
    void shouldRefuseLinkingAnAccountWhenItHoldsAVolunteerAlready() {
        identities.reserveAccount(DISTRICT, "vol-first", "acct-1");
        fixture.givenNoPriorActivity()
                .when(registerLinked(ID, adult(), "acct-1", "admin-pl"))
                .expectException(problem("already-registered"))
                .expectNoEvents();
    }

    @Test
    void shouldTellStaffWhichFieldCollidesWhenTheyLinkAnAccount() {
        identities.reserve(DISTRICT, "vol-other", "13812345678", null);
        fixture.givenNoPriorActivity()
                .when(registerLinked(ID, adult(), "acct-1", "admin-pl"))
                .expectException(problem("duplicate-volunteer", "phone"))
                .expectNoEvents();
        identities.reserveAccount(DISTRICT, "vol-later", "acct-1"); // the refused attempt left the account free
    }

    @Test
    void shouldHoldAPendingApplicationWithInternalEventsOnlyWhenAPersonApplies() {
        fixture.givenNoPriorActivity()
                .when(apply(ID, adult(), "res-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(applied(), sealed());
    }

    @Test
    void shouldApplyTheAgeRuleWhenAPersonApplies() {
        fixture.givenNoPriorActivity()
                .when(apply(ID, agedOn(TODAY, 16, 0), "res-1"))
                .expectException(problem("guardian-consent-required", "guardian"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAnApplicationWhenTheAccountHoldsAVolunteerOrApplicationAlready() {
        identities.reserveAccount(DISTRICT, "vol-first", "res-1");
        fixture.givenNoPriorActivity()
                .when(apply(ID, adult(), "res-1"))
                .expectException(problem("already-registered"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseWithoutNamingTheFieldWhenAnApplicantsPhoneIsRegisteredAlready() {
        identities.reserve(DISTRICT, "vol-other", "13812345678", null);
        fixture.givenNoPriorActivity()
                .when(apply(ID, adult(), "res-1"))
                .expectException(refusalNamingNoField())
                .expectNoEvents();
        identities.reserveAccount(DISTRICT, "vol-later", "res-1"); // the refused attempt left the account free
    }

    @Test
    void shouldRefuseWithoutNamingTheFieldWhenAnApplicantsIdNumberIsRegisteredAlready() {
        identities.reserve(DISTRICT, "vol-other", "13900000000", adult().idNumber());
        fixture.givenNoPriorActivity()
                .when(apply(ID, adult(), "res-1"))
                .expectException(refusalNamingNoField())
                .expectNoEvents();
    }

    @Test
    void shouldRegisterAndPublishTheAccountLinkWhenTheStationApproves() {
        fixture.given(applied(), sealed())
                .when(decide(Decision.APPROVE, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VolunteerApplicationApproved(ID, DISTRICT, null, "admin-pl", NOW), registered(),
                        new VolunteerAccountLinked(ID, DISTRICT, "res-1", NOW))
                .expectResultMessagePayload(4L);
    }

    @Test
    void shouldPublishTheDatesAwayOfAnApplicationWhenItIsApproved() {
        List<LocalDate> away = List.of(LocalDate.of(2026, 4, 4));
        VolunteerApplied withDates = new VolunteerApplied(ID, DISTRICT, "res-1", "张*明", HOME_UNIT, APPROXIMATE_HOME,
                SKILLS, LANGUAGES, WEEKENDS, away, true, NOW.minusSeconds(3600));
        fixture.given(withDates, sealed())
                .when(decide(Decision.APPROVE, "欢迎"))
                .expectEvents(new VolunteerApplicationApproved(ID, DISTRICT, "欢迎", "admin-pl", NOW), registered(),
                        new VolunteerAccountLinked(ID, DISTRICT, "res-1", NOW),
                        new VolunteerAvailabilityChanged(ID, DISTRICT, WEEKENDS, away, true));
    }

    @Test
    void shouldRecordTheReasonAndPublishNothingWhenTheStationRefuses() {
        fixture.given(applied(), sealed())
                .when(decide(Decision.REFUSE, "  请先参加志愿者培训  "))
                .expectEvents(new VolunteerApplicationRefused(ID, DISTRICT, "请先参加志愿者培训", "admin-pl", NOW));
    }

    @Test
    void shouldRequireAReasonWhenTheStationRefuses() {
        fixture.given(applied(), sealed())
                .when(decide(Decision.REFUSE, " "))
                .expectException(problem("invalid-field", "reason"))
                .expectNoEvents();
    }

    @Test
    void shouldAnswerConflictWhenAnApprovedApplicationIsDecidedAgain() {
        fixture.given(applied(), sealed(), new VolunteerApplicationApproved(ID, DISTRICT, null, "admin-pl", NOW),
                        registered(), new VolunteerAccountLinked(ID, DISTRICT, "res-1", NOW))
                .when(decide(Decision.REFUSE, "改主意了"))
                .expectException(problem("already-decided"))
                .expectNoEvents();
    }

    @Test
    void shouldAnswerConflictWhenARefusedApplicationIsDecidedAgain() {
        fixture.given(applied(), sealed(), new VolunteerApplicationRefused(ID, DISTRICT, "资料不全", "admin-pl", NOW))
                .when(decide(Decision.APPROVE, null))
                .expectException(problem("already-decided"))
                .expectNoEvents();
    }

    @Test
    void shouldAnswerNotFoundWhenAStaffRegisteredVolunteerIsDecidedOn() {
        fixture.given(registered(), sealed())
                .when(decide(Decision.APPROVE, null))
                .expectException(problem("not-found"))
                .expectNoEvents();
    }

    @Test
    void shouldAnswerNotFoundWhenAVolunteerCommandNamesAPendingApplication() {
        fixture.given(applied(), sealed())
                .when(new ChangeSkillsCommand(ID, DISTRICT, List.of(), null))
                .expectException(problem("not-found"))
                .expectNoEvents();
    }

    @Test
    void shouldLetTheAccountApplyAgainWhenItsApplicationWasRefused() {
        fixture.givenNoPriorActivity().when(apply(ID, adult(), "res-1")).expectSuccessfulHandlerExecution();
        newFixture().givenNoPriorActivity().when(apply("vol-2", adult(), "res-1"))
                .expectException(problem("already-registered"));

        newFixture().given(applied(), sealed()).when(decide(Decision.REFUSE, "资料不全"))
                .expectSuccessfulHandlerExecution();

        newFixture().givenNoPriorActivity().when(apply("vol-2", adult(), "res-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new VolunteerApplied("vol-2", DISTRICT, "res-1", "张*明", HOME_UNIT, APPROXIMATE_HOME,
                                SKILLS, LANGUAGES, WEEKENDS, List.of(), true, NOW),
                        new VolunteerPersonalDataRecorded("vol-2", DISTRICT, "(ignored)", NOW));
    }

    @Test
    void shouldEraseAPendingApplicationWithoutPublishingAnything() {
        fixture.given(applied(), sealed())
                .when(new EraseVolunteerCommand(ID, DISTRICT, "res-1", null))
                .expectEvents(new VolunteerErasureRequested(ID, DISTRICT, "res-1", NOW),
                        new VolunteerApplicationErased(ID, DISTRICT, NOW));
    }

    @Test
    void shouldEraseARefusedApplicationWithoutPublishingAnything() {
        fixture.given(applied(), sealed(), new VolunteerApplicationRefused(ID, DISTRICT, "资料不全", "admin-pl", NOW))
                .when(new EraseVolunteerCommand(ID, DISTRICT, "admin-pl", null))
                .expectEvents(new VolunteerErasureRequested(ID, DISTRICT, "admin-pl", NOW),
                        new VolunteerApplicationErased(ID, DISTRICT, NOW));
    }

    @Test
    void shouldRefuseToDecideWhenTheApplicationWasErased() {
        fixture.given(applied(), sealed(), new VolunteerApplicationErased(ID, DISTRICT, NOW))
                .when(decide(Decision.APPROVE, null))
                .expectException(problem("volunteer-erased"))
                .expectNoEvents();
    }

    @Test
    void shouldPublishTheErasureWhenAnApprovedVolunteerIsErased() {
        fixture.given(applied(), sealed(), new VolunteerApplicationApproved(ID, DISTRICT, null, "admin-pl", NOW),
                        registered(), new VolunteerAccountLinked(ID, DISTRICT, "res-1", NOW))
                .when(new EraseVolunteerCommand(ID, DISTRICT, "res-1", null))
                .expectEvents(new VolunteerErasureRequested(ID, DISTRICT, "res-1", NOW),
                        new VolunteerStatusChanged(ID, DISTRICT, VolunteerStatus.DEACTIVATED, "erased on request"),
                        new VolunteerErased(ID, DISTRICT, NOW));
    }

    @Test
    void shouldStillReplayTheInternalAccountLinkOfStreamsStoredBeforeApproval() {
        fixture.given(registered(), sealed(),
                        new VolunteerInternalEvents.VolunteerAccountLinked(ID, DISTRICT, "res-1", NOW))
                .when(new ChangeSkillsCommand(ID, DISTRICT, List.of(), 2L))
                .expectEvents(new VolunteerSkillsChanged(ID, DISTRICT, List.of()));
    }

    private static VolunteerApplied applied() {
        return new VolunteerApplied(ID, DISTRICT, "res-1", "张*明", HOME_UNIT, APPROXIMATE_HOME, SKILLS, LANGUAGES,
                WEEKENDS, List.of(), true, NOW);
    }

    private static DecideApplicationCommand decide(Decision decision, String reason) {
        return new DecideApplicationCommand(ID, DISTRICT, decision, reason, "admin-pl", null);
    }

    /** registration-refused, with no field and no word of which number matched. */
    private static Matcher<RuleViolation> refusalNamingNoField() {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation e) {
                return e.code().equals("registration-refused") && e.field() == null && e.properties().isEmpty()
                        && !e.getMessage().toLowerCase().contains("phone") && !e.getMessage().contains("ID");
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("registration-refused naming no field");
            }
        };
    }

    @Test
    void shouldAcceptThePhoneWhenItIsRegisteredInAnotherDistrict() {
        identities.reserve("cq-yuzhong", "vol-other", "13812345678", null);
        fixture.givenNoPriorActivity()
                .when(register(ID, adult()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldChangeSkillsWhenTheyDiffer() {
        List<Skill> skills = List.of(new Skill(ServicePlatform.LEGAL, 5));
        fixture.given(registered(), sealed())
                .when(new ChangeSkillsCommand(ID, DISTRICT, skills, null))
                .expectEvents(new VolunteerSkillsChanged(ID, DISTRICT, skills))
                .expectResultMessagePayload(2L);
    }

    @Test
    void shouldPublishNothingWhenSkillsAreUnchanged() {
        fixture.given(registered(), sealed())
                .when(new ChangeSkillsCommand(ID, DISTRICT, SKILLS, 1L))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void shouldKeepAvailabilityWhenOnlyConsentChanges() {
        fixture.given(registered(), sealed())
                .when(new ChangeContactConsentCommand(ID, DISTRICT, false, null))
                .expectEvents(new VolunteerAvailabilityChanged(ID, DISTRICT, WEEKENDS, List.of(), false));
    }

    @Test
    void shouldPublishTheMaskedNameWhenTheNameChanges() {
        fixture.given(registered(), sealed())
                .when(new ChangePersonalDataCommand(ID, DISTRICT, VolunteerMother.withName(adult(), "王小红"), null))
                .expectEvents(sealed(), new VolunteerRenamed(ID, DISTRICT, "王*红"));
    }

    @Test
    void shouldPublishNoRenameWhenTheMaskedNameStaysTheSame() {
        fixture.given(registered(), sealed())
                .when(new ChangePersonalDataCommand(ID, DISTRICT, VolunteerMother.withName(adult(), "张大明"), null))
                .expectEvents(sealed());
    }

    @Test
    void shouldApplyTheAgeRuleAgainWhenTheBirthDateChanges() {
        fixture.given(registered(), sealed())
                .when(new ChangePersonalDataCommand(ID, DISTRICT, agedOn(TODAY, 15, 0), null))
                .expectException(problem("guardian-consent-required"));
    }

    @Test
    void shouldAnswerConflictWhenAChangedPhoneBelongsToAnotherVolunteer() {
        identities.reserve(DISTRICT, "vol-other", "13900000000", null);
        fixture.given(registered(), sealed())
                .when(new ChangePersonalDataCommand(ID, DISTRICT, VolunteerMother.withPhone(adult(), "13900000000"),
                        null))
                .expectException(problem("duplicate-volunteer", "phone"));
    }

    @Test
    void shouldPauseWhenTheVolunteerIsActive() {
        fixture.given(registered(), sealed())
                .when(new ChangeVolunteerStatusCommand(ID, DISTRICT, VolunteerStatus.PAUSED, "考试周", null))
                .expectEvents(new VolunteerStatusChanged(ID, DISTRICT, VolunteerStatus.PAUSED, "考试周"));
    }

    @Test
    void shouldRefuseThePauseWhenTheVolunteerIsPausedAlready() {
        fixture.given(registered(), sealed(),
                        new VolunteerStatusChanged(ID, DISTRICT, VolunteerStatus.PAUSED, null))
                .when(new ChangeVolunteerStatusCommand(ID, DISTRICT, VolunteerStatus.PAUSED, null, null))
                .expectException(problem("illegal-transition"));
    }

    @Test
    void shouldReactivateWhenTheVolunteerWasDeactivated() {
        fixture.given(registered(), sealed(),
                        new VolunteerStatusChanged(ID, DISTRICT, VolunteerStatus.DEACTIVATED, "搬离本区"))
                .when(new ChangeVolunteerStatusCommand(ID, DISTRICT, VolunteerStatus.ACTIVE, "回到本区", null))
                .expectEvents(new VolunteerStatusChanged(ID, DISTRICT, VolunteerStatus.ACTIVE, "回到本区"));
    }

    @Test
    void shouldAnswerNotFoundWhenTheCommandNamesAnotherDistrict() {
        fixture.given(registered(), sealed())
                .when(new ChangeSkillsCommand(ID, "cq-yuzhong", List.of(), null))
                .expectException(problem("not-found"));
    }

    @Test
    void shouldRefuseTheChangeWhenIfMatchNamesAnOlderVersion() {
        fixture.given(registered(), sealed(), new VolunteerSkillsChanged(ID, DISTRICT, List.of()))
                .when(new ChangeSkillsCommand(ID, DISTRICT, SKILLS, 1L))
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void shouldRefuseTheChangeWhenIfMatchNamesAVersionNotReachedYet() {
        fixture.given(registered(), sealed())
                .when(new ChangeSkillsCommand(ID, DISTRICT, List.of(), 7L))
                .expectException(ConflictingAggregateVersionException.class);
    }

    @Test
    void shouldDeactivateAndEraseWhenErasureIsRequested() {
        fixture.given(registered(), sealed())
                .when(new EraseVolunteerCommand(ID, DISTRICT, "user-district-admin", null))
                .expectEvents(new VolunteerErasureRequested(ID, DISTRICT, "user-district-admin", NOW),
                        new VolunteerStatusChanged(ID, DISTRICT, VolunteerStatus.DEACTIVATED, "erased on request"),
                        new VolunteerErased(ID, DISTRICT, NOW));
    }

    @Test
    void shouldRefuseEveryChangeWhenTheVolunteerWasErased() {
        fixture.given(registered(), sealed(), new VolunteerErased(ID, DISTRICT, NOW))
                .when(new ChangeSkillsCommand(ID, DISTRICT, List.of(), null))
                .expectException(problem("volunteer-erased"));
    }
}
