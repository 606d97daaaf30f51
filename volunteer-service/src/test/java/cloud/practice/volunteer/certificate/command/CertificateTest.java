package cloud.practice.volunteer.certificate.command;

import cloud.practice.events.ServicePlatform;
import cloud.practice.volunteer.certificate.api.CertificateCommands.IssueCertificateCommand;
import cloud.practice.volunteer.certificate.api.CertificateCommands.RecordVerificationCommand;
import cloud.practice.volunteer.certificate.api.CertificateCommands.RevokeCertificateCommand;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateIssued;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateRevoked;
import cloud.practice.volunteer.certificate.api.CertificateInternalEvents.CertificateVerified;
import cloud.practice.volunteer.support.Clocks;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static cloud.practice.volunteer.support.Clocks.NOW;
import static cloud.practice.volunteer.support.Problems.problem;

/** The certificate's rules: it counts something, every check is recorded, staff revoke it once, with a reason. */
class CertificateTest {

    static final String ID = "cert-1";
    static final String DISTRICT = "cq-jiulongpo";
    static final Instant ISSUED = Instant.parse("2026-12-06T02:00:00Z");
    static final List<String> ENTRIES = List.of("credit|request:req-1:vol-1:1773450000000", "grant|grant-1");

    private FixtureConfiguration<Certificate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Certificate.class).registerInjectableResource(Clocks.fixed());
    }

    static IssueCertificateCommand issue(int halfHours, List<String> entries) {
        return new IssueCertificateCommand(ID, DISTRICT, "vol-1", "7KQ2M9XD3HT5WB1R", LocalDate.of(2026, 1, 1),
                null, ServicePlatform.CARE, halfHours, entries, LocalDate.of(2026, 3, 14), LocalDate.of(2026, 12, 6),
                "s-pl", "盘龙社区志愿服务站", "vol-1", ISSUED);
    }

    static CertificateIssued issued() {
        return new CertificateIssued(ID, DISTRICT, "vol-1", "7KQ2M9XD3HT5WB1R", LocalDate.of(2026, 1, 1), null,
                ServicePlatform.CARE, 29, ENTRIES, LocalDate.of(2026, 3, 14), LocalDate.of(2026, 12, 6), "s-pl",
                "盘龙社区志愿服务站", "vol-1", ISSUED);
    }

    @Test
    void shouldFreezeTheRecordsAndTotalItCountsWhenIssued() {
        fixture.givenNoPriorActivity().when(issue(29, ENTRIES)).expectEvents(issued());
    }

    @Test
    void shouldRefuseACertificateOfNothingWhenNoRecordIsCounted() {
        fixture.givenNoPriorActivity().when(issue(0, List.of())).expectNoEvents()
                .expectException(problem("no-hours-in-range"));
    }

    @Test
    void shouldRecordEveryVerificationWithItsAnswerWhenChecked() {
        fixture.given(issued()).when(new RecordVerificationCommand(ID, false, "hours-revoked"))
                .expectEvents(new CertificateVerified(ID, DISTRICT, false, "hours-revoked", NOW))
                .expectResultMessagePayload(NOW);
    }

    @Test
    void shouldRevokeOnceWithAReasonWhenStaffRevoke() {
        fixture.given(issued()).when(new RevokeCertificateCommand(ID, DISTRICT, "信息有误", "admin-pl"))
                .expectEvents(new CertificateRevoked(ID, DISTRICT, "vol-1", "信息有误", "admin-pl", NOW));
        fixture.given(issued(), new CertificateRevoked(ID, DISTRICT, "vol-1", "信息有误", "admin-pl", NOW))
                .when(new RevokeCertificateCommand(ID, DISTRICT, "again", "admin-pl")).expectNoEvents()
                .expectException(problem("already-revoked"));
    }

    @Test
    void shouldRefuseARevocationWithoutReasonOrFromAnotherDistrictWhenRevoking() {
        fixture.given(issued()).when(new RevokeCertificateCommand(ID, DISTRICT, " ", "admin-pl")).expectNoEvents()
                .expectException(problem("invalid-field", "reason"));
        fixture.given(issued()).when(new RevokeCertificateCommand(ID, "other", "信息有误", "admin-x"))
                .expectNoEvents().expectException(problem("not-found"));
    }
}
