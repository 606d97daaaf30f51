package cloud.practice.hierarchy.tree.command;

import cloud.practice.events.hierarchy.CommunityGridsDefined;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitMerged;
import cloud.practice.events.hierarchy.OrgUnitMoved;
import cloud.practice.events.hierarchy.OrgUnitSplit;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import cloud.practice.hierarchy.tree.api.TreeCommands.ChangeOrgUnitStatusCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.DefineGridsCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.EstablishOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.ImportDistrictTreeCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.MergeOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.MoveOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.RenameOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.SplitOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.StatusChange;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.hierarchy.tree.api.ImportResult;
import cloud.practice.hierarchy.tree.DistrictMother;
import cloud.practice.support.domain.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static cloud.practice.hierarchy.tree.DistrictMother.CENTER;
import static cloud.practice.hierarchy.tree.DistrictMother.center;
import static cloud.practice.hierarchy.tree.DistrictMother.community;
import static cloud.practice.hierarchy.tree.DistrictMother.institute;
import static cloud.practice.hierarchy.tree.DistrictMother.station;
import static cloud.practice.hierarchy.tree.DistrictMother.unit;

class OrgTreeTest {

    static final String DISTRICT = "cq-jiulongpo";
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    static final LocalDate DAY2 = LocalDate.of(2026, 6, 1);

    private AggregateTestFixture<OrgTree> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(OrgTree.class);
    }

    static OrgUnitEstablished established(UnitSpec spec) {
        return new OrgUnitEstablished(spec.unitId(), DISTRICT, spec.code(), spec.name(), spec.tier(), spec.parentId(),
                spec.divisionCode(), spec.address(), spec.location(), spec.platforms(), spec.communities(), DAY1);
    }

    /** center → i-1 (s-1-1, s-1-2), i-2 (s-2-1). */
    static List<Object> smallTree() {
        return List.of(established(center()), established(institute(1)), established(institute(2)),
                established(station(1, 1)), established(station(1, 2)), established(station(2, 1)));
    }

    @Test
    void shouldEstablishTheCenterWhenTheDistrictIsNew() {
        fixture.givenNoPriorActivity()
                .when(new EstablishOrgUnitCommand(DISTRICT, center(), DAY1))
                .expectEvents(established(center()))
                .expectResultMessagePayload(1L);
    }

    @Test
    void shouldRefuseASecondCenter() {
        fixture.given(established(center()))
                .when(new EstablishOrgUnitCommand(DISTRICT, unit("c2", "C2", "另一中心", OrgTier.CENTER, null, List.of()), DAY1))
                .expectException(RuleViolation.class).expectExceptionMessage(Matchers.predicate(
                        message -> message.toString().contains("exactly one center")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAStationDirectlyUnderTheCenter() {
        fixture.given(established(center()))
                .when(new EstablishOrgUnitCommand(DISTRICT, unit("s", "S", "站", OrgTier.STATION, CENTER, List.of()), DAY1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("cannot hang under a CENTER")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseADuplicateCodeInTheDistrict() {
        fixture.given(smallTree())
                .when(new EstablishOrgUnitCommand(DISTRICT, unit("s-new", station(1, 1).code(), "新站",
                        OrgTier.STATION, "i-1", List.of()), DAY1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("is used by 's-1-1'")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAnUnknownParent() {
        fixture.given(established(center()))
                .when(new EstablishOrgUnitCommand(DISTRICT, station(9, 1), DAY1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("does not exist")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseACommunityAlreadyCoveredByAnotherStation() {
        fixture.given(smallTree())
                .when(new EstablishOrgUnitCommand(DISTRICT, unit("s-x", "SX", "新站", OrgTier.STATION, "i-2",
                        List.of(DistrictMother.community(1, 1))), DAY1))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("already covered by 's-1-1'")))
                .expectNoEvents();
    }

    @Test
    void shouldMoveAStationWithItsSubtreeToAnotherInstitute() {
        fixture.given(smallTree())
                .when(new MoveOrgUnitCommand(DISTRICT, "s-1-2", "i-2", DAY2, null))
                .expectEvents(new OrgUnitMoved("s-1-2", DISTRICT, "i-1", "i-2", DAY2))
                .expectResultMessagePayload(2L);
    }

    @Test
    void shouldRefuseAMoveIntoTheUnitsOwnSubtree() {
        fixture.given(smallTree())
                .when(new MoveOrgUnitCommand(DISTRICT, "i-1", "s-1-1", DAY2, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("inside its own subtree")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAMoveThatBreaksTierPlacement() {
        fixture.given(smallTree())
                .when(new MoveOrgUnitCommand(DISTRICT, "s-1-1", CENTER, DAY2, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("cannot hang under")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseClosingAUnitWithOpenChildren() {
        fixture.given(smallTree())
                .when(new ChangeOrgUnitStatusCommand(DISTRICT, "i-2", StatusChange.CLOSE, "撤并", DAY2, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("not closed")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseSuspendingASuspendedUnit() {
        List<Object> history = new ArrayList<>(smallTree());
        history.add(new OrgUnitStatusChanged("s-2-1", DISTRICT, OrgUnitStatus.SUSPENDED, "装修", DAY2));
        fixture.given(history)
                .when(new ChangeOrgUnitStatusCommand(DISTRICT, "s-2-1", StatusChange.SUSPEND, "再次", DAY2, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("it is SUSPENDED")))
                .expectNoEvents();
    }

    @Test
    void shouldMergeAnInstituteMovingItsStationsToTheSurvivor() {
        fixture.given(smallTree())
                .when(new MergeOrgUnitCommand(DISTRICT, "i-2", "i-1", DAY2, null))
                .expectEvents(new OrgUnitMerged("i-2", DISTRICT, "i-1", List.of("s-2-1"),
                        institute(2).communities(), DAY2));
    }

    @Test
    void shouldThenCloseTheMergedUnitForGood() {
        List<Object> history = new ArrayList<>(smallTree());
        history.add(new OrgUnitMerged("i-2", DISTRICT, "i-1", List.of("s-2-1"), institute(2).communities(), DAY2));
        fixture.given(history)
                .when(new RenameOrgUnitCommand(DISTRICT, "i-2", "新名字", DAY2, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("is closed")))
                .expectNoEvents();
    }

    @Test
    void shouldSplitCoverageOffIntoANewStationBesideTheOld() {
        UnitSpec wide = unit("s-wide", "SW", "大社区站", OrgTier.STATION, "i-1", List.of("甲社区", "乙社区"));
        List<Object> history = new ArrayList<>(smallTree());
        history.add(established(wide));
        fixture.given(history)
                .when(new SplitOrgUnitCommand(DISTRICT, "s-wide", "s-new", "SN", "乙社区站", List.of("乙社区"), DAY2, null))
                .expectEvents(new OrgUnitEstablished("s-new", DISTRICT, "SN", "乙社区站", OrgTier.STATION, "i-1",
                                null, null, null, wide.platforms(), List.of(), DAY2),
                        new OrgUnitSplit("s-wide", DISTRICT, "s-new", List.of("乙社区"), DAY2));
    }

    @Test
    void shouldRefuseAChangeEffectiveBeforeTheUnitsLastChange() {
        List<Object> history = new ArrayList<>(smallTree());
        history.add(new OrgUnitMoved("s-1-2", DISTRICT, "i-1", "i-2", DAY2));
        fixture.given(history)
                .when(new RenameOrgUnitCommand(DISTRICT, "s-1-2", "改名", DAY1, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("cannot take effect before")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAChangeAgainstAStaleVersion() {
        fixture.given(smallTree())
                .when(new RenameOrgUnitCommand(DISTRICT, "s-1-1", "改名", DAY2, 7L))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("changed since you read it")))
                .expectNoEvents();
    }

    @Test
    void shouldImportATreeWhateverTheOrderOfItsRows() {
        List<UnitSpec> rows = new ArrayList<>(List.of(station(1, 1), institute(1), center()));
        fixture.givenNoPriorActivity()
                .when(new ImportDistrictTreeCommand(DISTRICT, rows, DAY1))
                .expectEvents(established(center()), established(institute(1)), established(station(1, 1)))
                .expectResultMessagePayload(new ImportResult(3, 0));
    }

    @Test
    void shouldChangeNothingWhenTheSameImportIsRepeated() {
        fixture.given(smallTree())
                .when(new ImportDistrictTreeCommand(DISTRICT, List.of(center(), institute(1), station(1, 1)), DAY2))
                .expectNoEvents()
                .expectResultMessagePayload(new ImportResult(0, 3));
    }

    @Test
    void shouldReportEveryBadRowOfAnImportAndImportNothing() {
        List<UnitSpec> rows = List.of(center(), institute(1),
                unit("s-bad", "SB", "错站", OrgTier.STATION, CENTER, List.of()),
                unit("s-dup", institute(1).code(), "重码站", OrgTier.STATION, "i-1", List.of()),
                unit("s-orphan", "SO", "孤站", OrgTier.STATION, "i-99", List.of()));
        fixture.givenNoPriorActivity()
                .when(new ImportDistrictTreeCommand(DISTRICT, rows, DAY1))
                .expectException(RuleViolation.class)
                .expectException(Matchers.predicate(e -> {
                    @SuppressWarnings("unchecked")
                    List<ImportResult.RowError> errors = (List<ImportResult.RowError>)
                            ((RuleViolation) e).properties().get("errors");
                    return errors.stream().map(ImportResult.RowError::row).sorted().toList().equals(List.of(3, 4, 5));
                }))
                .expectNoEvents();
    }

    @Test
    void shouldGiveEveryUnitItsOwnVersion() {
        List<Object> history = new ArrayList<>(smallTree());
        Collections.addAll(history, new OrgUnitMoved("s-1-2", DISTRICT, "i-1", "i-2", DAY2));
        fixture.given(history)
                .when(new RenameOrgUnitCommand(DISTRICT, "s-1-1", "改名", DAY2, 1L))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2L);
    }

    @Test
    void shouldRegisterTheGridsOfACommunityTheUnitDeclaresAndIgnoreTheSameListAgain() {
        String community = community(1, 1);
        CommunityGridsDefined defined = new CommunityGridsDefined("s-1-1", DISTRICT, community,
                List.of("第一网格", "第二网格"), DAY2);
        fixture.given(smallTree())
                .when(new DefineGridsCommand(DISTRICT, "s-1-1", community, List.of("第一网格", "第二网格"), DAY2))
                .expectEvents(defined)
                .expectResultMessagePayload(List.of("第一网格", "第二网格"));
        List<Object> history = new ArrayList<>(smallTree());
        history.add(defined);
        fixture.given(history)
                .when(new DefineGridsCommand(DISTRICT, "i-1", community, List.of("第一网格", "第二网格"), DAY2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void shouldRefuseGridsOfACommunityTheUnitDoesNotDeclare() {
        fixture.given(smallTree())
                .when(new DefineGridsCommand(DISTRICT, "s-1-1", community(2, 1), List.of("第一网格"), DAY2))
                .expectException(RuleViolation.class)
                .expectException(Matchers.predicate(e -> ((RuleViolation) e).code().equals("community-not-declared")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseGridsThatWouldTakeEffectBeforeTheCommunitysLastDefinition() {
        String community = community(1, 1);
        List<Object> history = new ArrayList<>(smallTree());
        history.add(new CommunityGridsDefined("i-1", DISTRICT, community, List.of("第一网格"), DAY2));
        fixture.given(history)
                .when(new DefineGridsCommand(DISTRICT, "s-1-1", community, List.of("第一网格", "第二网格"),
                        DAY2.minusDays(1)))
                .expectException(RuleViolation.class)
                .expectException(Matchers.predicate(e ->
                        ((RuleViolation) e).code().equals("effective-date-before-last-change")))
                .expectNoEvents();
    }
}
