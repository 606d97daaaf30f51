package cloud.practice.auth;

import cloud.practice.auth.bootstrap.SeedImport;
import cloud.practice.auth.bootstrap.Seeds;
import cloud.practice.auth.clients.MachineClients;
import cloud.practice.auth.codes.OneTimeCodes;
import cloud.practice.auth.notices.NoticeReceipts;
import cloud.practice.auth.notices.NoticeSms;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.Passwords;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.auth.people.PersonalDataSeal;
import cloud.practice.auth.roles.Standings;
import cloud.practice.auth.sms.AliyunSmsSender;
import cloud.practice.auth.sms.OutboxSmsSender;
import cloud.practice.auth.sms.SmsSender;
import cloud.practice.auth.tree.ManagerGrants;
import cloud.practice.auth.tree.TeamLeaders;
import cloud.practice.auth.tree.VolunteerLinks;
import cloud.practice.support.tree.OrgUnitDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The people directory's stores, the consumers that keep the tree's and the registry's facts, codes, notices and SMS.
 */
@Configuration
public class PeopleConfiguration {

    @Bean
    public Accounts accounts(MongoTemplate mongo) {
        return new Accounts(mongo);
    }

    @Bean
    public PeopleAudit peopleAudit(MongoTemplate mongo, Clock clock) {
        return new PeopleAudit(mongo, clock);
    }

    @Bean
    public MachineClients machineClients(MongoTemplate mongo) {
        return new MachineClients(mongo);
    }

    @Bean
    public PersonalDataSeal personalDataSeal(AuthSettings settings) {
        return PersonalDataSeal.load(settings.dataKeyFile());
    }

    @Bean
    public Passwords passwords(PasswordEncoder encoder, AuthSettings settings) {
        return new Passwords(encoder, settings.passwordMinLength());
    }

    /** The issuer's copy of the tree: unit tiers for grants, units of staff, whether a district exists. */
    @Bean
    public OrgUnitDirectory orgUnitDirectory(MongoTemplate mongo) {
        return new OrgUnitDirectory(mongo);
    }

    @Bean
    public ManagerGrants managerGrants(MongoTemplate mongo, PeopleAudit audit) {
        return new ManagerGrants(mongo, audit);
    }

    @Bean
    public TeamLeaders teamLeaders(MongoTemplate mongo) {
        return new TeamLeaders(mongo);
    }

    @Bean
    public VolunteerLinks volunteerLinks(MongoTemplate mongo, Accounts accounts, PeopleAudit audit) {
        return new VolunteerLinks(mongo, accounts, audit);
    }

    @Bean
    public Standings standings(ManagerGrants grants, OrgUnitDirectory units, VolunteerLinks links,
                               TeamLeaders leaders) {
        return new Standings(grants, units, links, leaders);
    }

    @Bean
    public SmsSender smsSender(AuthSettings settings, Clock clock) {
        AuthSettings.Sms sms = settings.sms();
        return switch (sms.provider()) {
            case "outbox" -> new OutboxSmsSender(Path.of(sms.outboxFile()), clock);
            case "aliyun" -> new AliyunSmsSender(sms.endpoint(), sms.regionId(), sms.accessKeyId(),
                    sms.accessKeySecret(), sms.signName(), sms.templateCode(), sms.noticeTemplateCode(), sms.timeout(),
                    clock);
            default -> throw new IllegalStateException("practice.auth.sms.provider must be outbox or aliyun, not '"
                    + sms.provider() + "'");
        };
    }

    @Bean
    public OneTimeCodes oneTimeCodes(MongoTemplate mongo, AuthSettings settings, SmsSender sms,
                                     PersonalDataSeal seal, Clock clock) {
        return new OneTimeCodes(mongo, settings.codes(), sms, seal, clock);
    }

    /** Notices by SMS to an account's own number, for the notification service (ADR 0023). */
    @Bean
    public NoticeSms noticeSms(MongoTemplate mongo, AuthSettings settings, Accounts accounts, SmsSender sms,
                               NoticeReceipts receipts, PeopleAudit audit, Clock clock, MeterRegistry meters) {
        return new NoticeSms(mongo, settings.notices(), accounts, sms, receipts, audit, clock, meters);
    }

    /** What became of those notices: the provider's delivery reports and their feed (issue 26). */
    @Bean
    public NoticeReceipts noticeReceipts(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        return new NoticeReceipts(mongo, clock, meters);
    }

    @Bean
    public Seeds seeds(AuthSettings settings) {
        return new Seeds(settings);
    }

    @Bean
    public SeedImport seedImport(Seeds seeds, Accounts accounts, MachineClients clients, PeopleAudit audit,
                                 Clock clock) {
        return new SeedImport(seeds, accounts, clients, audit, clock);
    }
}
