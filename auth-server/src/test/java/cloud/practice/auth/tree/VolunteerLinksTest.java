package cloud.practice.auth.tree;

import cloud.practice.testing.MovableClock;
import cloud.practice.auth.StandInStore;
import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.people.PersonalDataSeal;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.support.kafka.InboundEvent;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Linking an account to the registry, and erasure closing and anonymising it. */
class VolunteerLinksTest {

    final MongoTemplate mongo = StandInStore.freshDatabase();
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final Accounts accounts = new Accounts(mongo);
    final PeopleAudit audit = new PeopleAudit(mongo, clock);
    final VolunteerLinks links = new VolunteerLinks(mongo, accounts, audit);
    final PersonalDataSeal seal = PersonalDataSeal.load("");

    static InboundEvent event(String subject, long sequence, DomainEvent payload) {
        return new InboundEvent(UUID.randomUUID().toString(), payload.getClass().getSimpleName(), subject,
                payload.districtId(), sequence, OffsetDateTime.of(2026, 3, 1, 8, 0, 0, 0, ZoneOffset.UTC), null, null,
                payload);
    }

    Account resident(String id, String district, String mobile) {
        Account account = new Account(id, district, AccountKind.RESIDENT, AccountStatus.ACTIVE, null, mobile,
                "{bcrypt}$2a$10$hash", null, null, seal.seal("王小明"), seal.seal("11010519491231002X"), false,
                clock.instant());
        accounts.create(account);
        return account;
    }

    @Test
    void shouldCloseAndAnonymiseTheLinkedAccountWhenTheVolunteerIsErased() {
        resident("acc-1", "jlp", "13812345678");
        links.handle(event("vol-1", 0, new VolunteerAccountLinked("vol-1", "jlp", "acc-1", clock.instant())));
        assertThat(links.volunteerOf("jlp", "acc-1")).contains("vol-1");
        Document before = accounts.stored("acc-1").orElseThrow();
        assertThat(before.toJson()).as("sealed: no real name or ID number in clear").doesNotContain("王小明")
                .doesNotContain("11010519491231002X");

        links.handle(event("vol-1", 1, new VolunteerErased("vol-1", "jlp", clock.instant())));

        Account closed = accounts.byId("acc-1").orElseThrow();
        assertThat(closed.status()).isEqualTo(AccountStatus.CLOSED);
        Document stored = accounts.stored("acc-1").orElseThrow();
        for (String field : new String[] {"mobile", "loginName", "passwordHash", "name", "idNumber"}) {
            assertThat(stored.get(field)).as(field).isNull();
        }
        assertThat(accounts.byMobile("13812345678")).as("the number no longer finds it").isEmpty();
        resident("acc-2", "jlp", "13812345678");
        assertThat(accounts.byMobile("13812345678").map(Account::accountId)).as("the number is free again")
                .contains("acc-2");
        assertThat(audit.page("jlp", 0, 10)).extracting(PeopleAudit.Entry::action)
                .containsExactlyInAnyOrder("volunteer-linked", "erased");
        assertThat(mongo.getDb().getCollection("people_audit").find().into(new java.util.ArrayList<>()).toString())
                .as("the audit names ids only").doesNotContain("13812345678");
    }

    @Test
    void shouldNotLinkAnAccountOfAnotherDistrict() {
        resident("acc-3", "other", "13900000001");
        links.handle(event("vol-2", 0, new VolunteerAccountLinked("vol-2", "jlp", "acc-3", clock.instant())));
        assertThat(links.volunteerOf("jlp", "acc-3")).isEmpty();
        assertThat(links.volunteerOf("other", "acc-3")).isEmpty();
        links.handle(event("vol-2", 1, new VolunteerErased("vol-2", "jlp", clock.instant())));
        assertThat(accounts.byId("acc-3").orElseThrow().status()).as("not erased by another district")
                .isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void shouldNeverLinkACityAnalystWhoBelongsToNoDistrict() {
        accounts.create(Account.newCityAnalyst("analyst-city", "cq", "analyst-city", "{bcrypt}$2a$10$hash", null, false,
                clock.instant()));
        links.handle(event("vol-3", 0, new VolunteerAccountLinked("vol-3", "jlp", "analyst-city", clock.instant())));
        assertThat(links.volunteerOf("jlp", "analyst-city")).isEmpty();
        links.handle(event("vol-3", 1, new VolunteerErased("vol-3", "jlp", clock.instant())));
        assertThat(accounts.byId("analyst-city").orElseThrow().status()).as("not erased by a district's registry")
                .isEqualTo(AccountStatus.ACTIVE);
        assertThat(audit.page("jlp", 0, 10)).as("nothing happened to record").isEmpty();
    }
}
