package cloud.practice.auth.tree;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.people.PeopleAudit;
import cloud.practice.events.Context;
import cloud.practice.events.volunteer.VolunteerAccountLinked;
import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.support.kafka.EventRoutes;
import cloud.practice.support.kafka.InboundEvent;
import cloud.practice.support.kafka.RoutedEventHandler;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Date;
import java.util.Optional;
import java.util.Set;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Which account is which volunteer ({@code VolunteerAccountLinked} of the registry), by account id in a collection of
 * its own so a link that arrives before the account applies when it appears. A link names the volunteer's district:
 * an account of another district, or of none (a city's analyst), is never linked (logged). {@code VolunteerErased}
 * closes the linked account and removes everything that names the person ({@link Accounts#closeAndAnonymise}); both
 * are audited.
 */
public class VolunteerLinks extends RoutedEventHandler {

    static final String COLLECTION = "volunteer_links";
    private static final Logger log = LoggerFactory.getLogger(VolunteerLinks.class);

    private final MongoCollection<Document> links;
    private final Accounts accounts;
    private final PeopleAudit audit;

    public VolunteerLinks(MongoTemplate mongo, Accounts accounts, PeopleAudit audit) {
        this.links = mongo.getDb().getCollection(COLLECTION);
        this.accounts = accounts;
        this.audit = audit;
        links.createIndex(Indexes.ascending("districtId", "volunteerId"));
    }

    @Override
    public String name() {
        return "volunteer-links";
    }

    @Override
    public Set<Context> contexts() {
        return Set.of(Context.VOLUNTEER);
    }

    /** Links made, and the accounts of erased volunteers closed. */
    @Override
    protected EventRoutes<InboundEvent> routes() {
        return new EventRoutes<InboundEvent>()
                .on(VolunteerAccountLinked.class, (e, at) -> link(e))
                .on(VolunteerErased.class, (e, at) -> {
                    for (Document link : links.find(and(eq("districtId", e.districtId()),
                            eq("volunteerId", e.volunteerId())))) {
                        String accountId = link.getString("_id");
                        accounts.closeAndAnonymise(accountId);
                        audit.record("volunteer-registry", "erased", e.districtId(), accountId);
                    }
                });
    }

    private void link(VolunteerAccountLinked e) {
        Optional<Account> account = accounts.byId(e.accountId());
        if (account.isPresent() && !e.districtId().equals(account.get().districtId())) {
            log.warn("volunteer {} of {} names account {} of another district: not linked", e.volunteerId(),
                    e.districtId(), e.accountId());
            return;
        }
        links.replaceOne(eq("_id", e.accountId()), new Document("_id", e.accountId())
                .append("districtId", e.districtId()).append("volunteerId", e.volunteerId())
                .append("linkedAt", Date.from(e.linkedAt())), new ReplaceOptions().upsert(true));
        audit.record("volunteer-registry", "volunteer-linked", e.districtId(), e.accountId());
    }

    /** The volunteer the account is, in the account's district. */
    public Optional<String> volunteerOf(String districtId, String accountId) {
        return Optional.ofNullable(links.find(and(eq("_id", accountId), eq("districtId", districtId))).first())
                .map(link -> link.getString("volunteerId"));
    }
}
