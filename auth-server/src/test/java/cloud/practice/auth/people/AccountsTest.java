package cloud.practice.auth.people;

import cloud.practice.auth.StandInStore;
import cloud.practice.support.security.Role;
import cloud.practice.testing.MovableClock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cities' analysts in the accounts store: kept apart from every district, listed by city, stored ones read back. */
class AccountsTest {

    final MongoTemplate mongo = StandInStore.freshDatabase();
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final Accounts accounts = new Accounts(mongo);
    final PeopleAudit audit = new PeopleAudit(mongo, clock);

    Account analyst(String id, String city) {
        clock.advance(java.time.Duration.ofSeconds(1));
        Account account = Account.newCityAnalyst(id, city, id, "{bcrypt}$2a$10$hash", null, true, clock.instant());
        accounts.create(account);
        return account;
    }

    @Test
    void shouldKeepACityAnalystApartFromEveryDistrict() {
        accounts.create(new Account("staff-1", "jlp", AccountKind.STAFF, AccountStatus.ACTIVE, "staff-1", null,
                "{bcrypt}x", Role.ANALYST, "center", null, null, false, clock.instant()));
        Account cq = analyst("analyst-cq", "cq");

        assertThat(accounts.byId("analyst-cq")).contains(cq);
        assertThat(accounts.byLoginOrMobile("analyst-cq")).contains(cq);
        assertThat(accounts.inDistrict("jlp", "analyst-cq")).as("no district has it").isEmpty();
        assertThat(accounts.page("jlp", 0, 50)).extracting(Account::accountId).containsExactly("staff-1");
        assertThat(accounts.count("jlp")).isEqualTo(1);
        assertThat(accounts.cityAnalyst("analyst-cq")).contains(cq);
        assertThat(accounts.cityAnalyst("staff-1")).as("a district's account is no city's analyst").isEmpty();
        assertThat(accounts.cityAnalyst("nobody")).isEmpty();
        assertThatThrownBy(() -> accounts.create(Account.newCityAnalyst("acc-x", "cq", "staff-1", "{bcrypt}x", null,
                true, clock.instant()))).isInstanceOf(Accounts.NameTaken.class);
        assertThat(accounts.byId("acc-x")).as("nothing stored").isEmpty();
    }

    @Test
    void shouldListACitysAnalystsOnlyOldestFirst() {
        analyst("a-1", "cq");
        analyst("b-1", "cd");
        analyst("a-2", "cq");
        analyst("a-3", "cq");
        assertThat(accounts.cityAnalysts("cq", 0, 2)).extracting(Account::accountId).containsExactly("a-1", "a-2");
        assertThat(accounts.cityAnalysts("cq", 1, 2)).extracting(Account::accountId).containsExactly("a-3");
        assertThat(accounts.countCityAnalysts("cq")).isEqualTo(3);
        assertThat(accounts.cityAnalysts("cd", 0, 50)).extracting(Account::cityId).containsExactly("cd");
        assertThat(accounts.cityAnalysts("nowhere", 0, 50)).isEmpty();
    }

    @Test
    void shouldReadAStoredAccountWithoutACityAsOneOfItsDistrict() {
        mongo.getDb().getCollection(Accounts.COLLECTION).insertOne(new Document("_id", "old-1")
                .append("districtId", "jlp").append("kind", "STAFF").append("status", "ACTIVE")
                .append("loginName", "old-1").append("staffRole", "GRID_WORKER").append("staffUnit", "s-1")
                .append("createdAt", Date.from(clock.instant())));
        Account old = accounts.byId("old-1").orElseThrow();
        assertThat(old.cityId()).isNull();
        assertThat(old.cityAnalyst()).isFalse();
        assertThat(accounts.inDistrict("jlp", "old-1")).contains(old);
    }

    @Test
    void shouldAuditACityAnalystInTheCity() {
        Account cq = analyst("analyst-cq", "cq");
        audit.record("ops", "city-analyst-created", cq);
        audit.record("ops", "staff-created", new Account("staff-1", "jlp", AccountKind.STAFF, AccountStatus.ACTIVE,
                "staff-1", null, "{bcrypt}x", Role.ANALYST, "center", null, null, false, clock.instant()));
        List<Document> stored = mongo.getDb().getCollection(PeopleAudit.COLLECTION).find()
                .into(new java.util.ArrayList<>());
        assertThat(stored).filteredOn(d -> "analyst-cq".equals(d.getString("targetId")))
                .singleElement().satisfies(d -> {
                    assertThat(d.getString("cityId")).isEqualTo("cq");
                    assertThat(d.getString("districtId")).isNull();
                    assertThat(d.getString("action")).isEqualTo("city-analyst-created");
                });
        assertThat(audit.page("jlp", 0, 10)).extracting(PeopleAudit.Entry::targetId).containsExactly("staff-1");
    }
}
