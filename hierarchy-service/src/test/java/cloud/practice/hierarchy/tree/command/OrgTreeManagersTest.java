package cloud.practice.hierarchy.tree.command;

import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.hierarchy.tree.api.ManagerRole;
import cloud.practice.hierarchy.tree.api.TreeCommands.AssignManagerCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.RevokeManagerCommand;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.domain.RuleViolation.Kind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static cloud.practice.hierarchy.tree.DistrictMother.CENTER;
import static cloud.practice.hierarchy.tree.DistrictMother.center;
import static cloud.practice.hierarchy.tree.DistrictMother.institute;
import static cloud.practice.hierarchy.tree.DistrictMother.station;
import static cloud.practice.hierarchy.tree.DistrictMother.unit;

/** The managers of a unit: one role per tier (derived when left out), a person once per unit, revoked only if there. */
class OrgTreeManagersTest {

    static final String DISTRICT = "cq-jiulongpo";
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 1);
    static final LocalDate DAY2 = LocalDate.of(2026, 6, 1);
    static final String PERSON = "acc-7f3c2a9e-1b4d-4c8e-9a61-0d2f5e8b7c43";

    private AggregateTestFixture<OrgTree> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(OrgTree.class);
    }

    static OrgUnitEstablished established(UnitSpec spec) {
        return new OrgUnitEstablished(spec.unitId(), DISTRICT, spec.code(), spec.name(), spec.tier(), spec.parentId(),
                spec.divisionCode(), spec.address(), spec.location(), spec.platforms(), spec.communities(), DAY1);
    }

    /** center → sc-1 (sub-center), i-1 → s-1-1, p-1 (point). */
    static List<Object> tree() {
        return List.of(established(center()), established(unit("sc-1", "SC1", "文明实践分中心", OrgTier.SUB_CENTER,
                        CENTER, List.of())), established(institute(1)), established(station(1, 1)),
                established(unit("p-1", "P1", "文明实践基地", OrgTier.POINT, "i-1", List.of())));
    }

    static List<Object> treeAnd(Object... more) {
        List<Object> history = new ArrayList<>(tree());
        history.addAll(List.of(more));
        return history;
    }

    @Test
    void shouldDeriveTheRoleFromTheTierWhenItIsLeftOut() {
        for (String[] unitAndRole : new String[][] {{CENTER, "DISTRICT_ADMIN"}, {"sc-1", "SUBCENTER_ADMIN"},
                {"i-1", "INSTITUTE_ADMIN"}, {"s-1-1", "STATION_ADMIN"}, {"p-1", "STATION_ADMIN"}}) {
            fixture.given(tree())
                    .when(new AssignManagerCommand(DISTRICT, unitAndRole[0], PERSON, null, DAY2))
                    .expectEvents(new ManagerAssigned(unitAndRole[0], DISTRICT, PERSON, unitAndRole[1], DAY2));
        }
    }

    @Test
    void shouldAssignTheRoleThatFitsTheTierWhenItIsNamed() {
        fixture.given(tree())
                .when(new AssignManagerCommand(DISTRICT, "sc-1", PERSON, ManagerRole.SUBCENTER_ADMIN, DAY2))
                .expectEvents(new ManagerAssigned("sc-1", DISTRICT, PERSON, "SUBCENTER_ADMIN", DAY2));
    }

    @Test
    void shouldRefuseARoleThatDoesNotFitTheTierNamingTheRole() {
        fixture.given(tree())
                .when(new AssignManagerCommand(DISTRICT, "s-1-1", PERSON, ManagerRole.INSTITUTE_ADMIN, DAY2))
                .expectException(Matchers.predicate(e -> e instanceof RuleViolation refusal
                        && refusal.kind() == Kind.REFUSED
                        && refusal.code().equals("role-does-not-fit")
                        && "role".equals(refusal.field())
                        && "STATION_ADMIN".equals(refusal.properties().get("fits"))))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAssigningTheSamePersonTwiceWhateverTheRole() {
        fixture.given(treeAnd(new ManagerAssigned("s-1-1", DISTRICT, PERSON, "STATION_ADMIN", DAY1)))
                .when(new AssignManagerCommand(DISTRICT, "s-1-1", PERSON, null, DAY2))
                .expectException(Matchers.predicate(e -> e instanceof RuleViolation refusal
                        && refusal.kind() == Kind.CONFLICT && refusal.code().equals("already-manager")
                        && "userId".equals(refusal.field())))
                .expectNoEvents();
    }

    @Test
    void shouldLetTheSamePersonManageAnotherUnit() {
        fixture.given(treeAnd(new ManagerAssigned("s-1-1", DISTRICT, PERSON, "STATION_ADMIN", DAY1)))
                .when(new AssignManagerCommand(DISTRICT, "p-1", PERSON, null, DAY2))
                .expectEvents(new ManagerAssigned("p-1", DISTRICT, PERSON, "STATION_ADMIN", DAY2));
    }

    @Test
    void shouldRevokeAManagerAndThenAssignThemAgain() {
        fixture.given(treeAnd(new ManagerAssigned("s-1-1", DISTRICT, PERSON, "STATION_ADMIN", DAY1)))
                .when(new RevokeManagerCommand(DISTRICT, "s-1-1", PERSON, DAY2))
                .expectEvents(new ManagerRevoked("s-1-1", DISTRICT, PERSON, DAY2));
        fixture.given(treeAnd(new ManagerAssigned("s-1-1", DISTRICT, PERSON, "STATION_ADMIN", DAY1),
                        new ManagerRevoked("s-1-1", DISTRICT, PERSON, DAY2)))
                .when(new AssignManagerCommand(DISTRICT, "s-1-1", PERSON, null, DAY2))
                .expectEvents(new ManagerAssigned("s-1-1", DISTRICT, PERSON, "STATION_ADMIN", DAY2));
    }

    @Test
    void shouldAnswerNotFoundWhenRevokingSomeoneWhoIsNotAManagerOfTheUnit() {
        fixture.given(treeAnd(new ManagerAssigned("s-1-1", DISTRICT, PERSON, "STATION_ADMIN", DAY1)))
                .when(new RevokeManagerCommand(DISTRICT, "p-1", PERSON, DAY2))
                .expectException(Matchers.predicate(e -> e instanceof RuleViolation refusal
                        && refusal.kind() == Kind.NOT_FOUND && refusal.code().equals("not-found")
                        && "userId".equals(refusal.field())))
                .expectNoEvents();
    }
}
