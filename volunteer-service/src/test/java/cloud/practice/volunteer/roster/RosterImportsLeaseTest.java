package cloud.practice.volunteer.roster;

import cloud.practice.volunteer.privacy.PersonalDataVault;
import cloud.practice.volunteer.roster.RosterFile.Row;
import cloud.practice.volunteer.roster.RosterImports.ImportView;
import cloud.practice.volunteer.support.Clocks;
import cloud.practice.volunteer.support.InMemoryMongo;
import cloud.practice.volunteer.support.Registrations;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lease on a roster import (ADR 0025) on the MongoDB-wire stand-in, at a fixed instant. */
class RosterImportsLeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final MongoTemplate mongo = InMemoryMongo.freshTemplate();
    private final RosterImports imports = new RosterImports(mongo, new PersonalDataVault(mongo.getDb(), ""),
            Clocks.fixed());

    @Test
    void shouldKeepAnImportRenewedWithinTheMillisecondOfItsClaim() {
        LocalDate born = LocalDate.of(1990, 5, 4);
        imports.accept("d-1", "imp-1", "tester", 1, 0, List.of(new Row(2, "名册甲", Registrations.uniquePhone(),
                Registrations.idNumber(born, 1), born, null, "s-pl", List.of(), false, null, null)));

        assertThat(imports.claim("worker-a", LEASE)).map(ImportView::importId).contains("imp-1");
        // The renewal writes the lease the claim wrote: nothing modified, and the import is still worker-a's.
        assertThat(imports.renew("imp-1", "worker-a", LEASE)).isTrue();
        assertThat(imports.renew("imp-1", "worker-b", LEASE)).isFalse();
        assertThat(imports.claim("worker-b", LEASE)).isEmpty();
    }

    @Test
    void shouldLetOnlyTheHolderEndAnImportAndShredItsRows() {
        LocalDate born = LocalDate.of(1991, 6, 7);
        imports.accept("d-1", "imp-2", "tester", 1, 0, List.of(new Row(2, "名册乙", Registrations.uniquePhone(),
                Registrations.idNumber(born, 2), born, null, "s-pl", List.of(), false, null, null)));
        assertThat(imports.claim("worker-a", LEASE)).map(ImportView::importId).contains("imp-2");

        // A worker whose lease lapsed (another holds the import now) ends nothing and takes no rows away.
        imports.finish("imp-2", "worker-gone", RosterImports.Status.STOPPED, List.of());
        assertThat(imports.rowsOf("imp-2", 0)).as("the holder's rows are still there")
                .hasValueSatisfying(rows -> assertThat(rows).hasSize(1));

        imports.finish("imp-2", "worker-a", RosterImports.Status.DONE, List.of());
        assertThat(imports.rowsOf("imp-2", 0)).as("the holder's end shreds them").isEmpty();
    }
}
