package cloud.practice.auth.roles;

import cloud.practice.auth.StandInStore;
import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.tree.ManagerGrants;
import cloud.practice.auth.tree.TeamLeaders;
import cloud.practice.auth.tree.VolunteerLinks;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.security.Role;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stores make of a city's analyst: the tree's grants naming the account never reach it. */
class StandingsTest {

    final MongoTemplate mongo = StandInStore.freshDatabase();
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final Accounts accounts = new Accounts(mongo);
    final PeopleAudit audit = new PeopleAudit(mongo, clock);
    final ManagerGrants grants = new ManagerGrants(mongo, audit);
    final Standings standings = new Standings(grants, new OrgUnitDirectory(mongo),
            new VolunteerLinks(mongo, accounts, audit), new TeamLeaders(mongo));

    static InboundEvent event(String subject, DomainEvent payload) {
        return new InboundEvent(UUID.randomUUID().toString(), payload.getClass().getSimpleName(), subject,
                payload.districtId(), 0, OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC), null, null,
                payload);
    }

    @Test
    void shouldKeepACityAnalystACityAnalystWhateverTheTreeGrantsTheAccount() {
        Account analyst = Account.newCityAnalyst("analyst-city", "cq", "analyst-city", "{bcrypt}x", null, false,
                clock.instant());
        Account staff = new Account("staff-1", "jlp", AccountKind.STAFF, AccountStatus.ACTIVE, "staff-1", null,
                "{bcrypt}x", Role.GRID_WORKER, "s-1", null, null, false, clock.instant());
        accounts.create(analyst);
        accounts.create(staff);
        grants.handle(event("jlp", new ManagerAssigned("center", "jlp", "analyst-city", "DISTRICT_ADMIN",
                LocalDate.of(2026, 3, 1))));
        grants.handle(event("jlp", new ManagerAssigned("center", "jlp", "staff-1", "DISTRICT_ADMIN",
                LocalDate.of(2026, 3, 1))));

        assertThat(standings.of(staff).map(Standing::role)).as("the grant holds for a district's account (the check "
                + "below is not vacuous)").contains(Role.DISTRICT_ADMIN);
        assertThat(standings.of(analyst)).contains(new Standing(Role.CITY_ANALYST, null, false, null, "cq"));
        assertThat(standings.grantsOf(analyst)).isEmpty();
    }
}
