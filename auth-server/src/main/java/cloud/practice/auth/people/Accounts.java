package cloud.practice.auth.people;

import cloud.practice.support.privacy.RealName;
import cloud.practice.support.security.Role;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The accounts collection. Uniqueness of login names and mobile numbers is held by a second collection whose
 * {@code _id}s are the names ({@code login:<name>}, {@code mobile:<number>}): a claim is an insert that only one
 * writer wins, on MongoDB and on the local MongoDB-wire stand-in alike, and an erased account gives its names back.
 */
public class Accounts {

    static final String COLLECTION = "accounts";
    static final String KEYS = "account_keys";
    private static final Pattern MOBILE = Pattern.compile(RealName.PHONE);

    /** A login name or mobile number another account holds. */
    public static final class NameTaken extends RuntimeException {
        private final String which;

        NameTaken(String which) {
            super(which + " is taken");
            this.which = which;
        }

        /** {@code loginName} or {@code mobile}. */
        public String which() {
            return which;
        }
    }

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> keys;

    public Accounts(MongoTemplate mongo) {
        this.accounts = mongo.getDb().getCollection(COLLECTION);
        this.keys = mongo.getDb().getCollection(KEYS);
        accounts.createIndex(Indexes.ascending("districtId", "createdAt"));
        accounts.createIndex(Indexes.ascending("districtId", "kind"));
        accounts.createIndex(Indexes.ascending("cityId", "createdAt"));
    }

    /** Claims the account's names, then stores it; {@link NameTaken} when a name is another's (nothing stored). */
    public void create(Account account) {
        List<String> claimed = new ArrayList<>();
        try {
            if (account.loginName() != null) {
                claim("loginName", loginKey(account.loginName()), account.accountId());
                claimed.add(loginKey(account.loginName()));
            }
            if (account.mobile() != null) {
                claim("mobile", mobileKey(account.mobile()), account.accountId());
                claimed.add(mobileKey(account.mobile()));
            }
            accounts.insertOne(document(account));
        } catch (RuntimeException e) {
            claimed.forEach(key -> keys.deleteOne(and(eq("_id", key), eq("accountId", account.accountId()))));
            if (e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new NameTaken("accountId");
            }
            throw e;
        }
    }

    private void claim(String which, String key, String accountId) {
        try {
            keys.insertOne(new Document("_id", key).append("accountId", accountId));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new NameTaken(which);
            }
            throw e;
        }
    }

    public Optional<Account> byId(String accountId) {
        return Optional.ofNullable(accounts.find(eq("_id", accountId)).first()).map(Accounts::account);
    }

    /** The account in that district, or none (another district's account, and a city's analyst's, is none too). */
    public Optional<Account> inDistrict(String districtId, String accountId) {
        return byId(accountId).filter(account -> districtId.equals(account.districtId()));
    }

    /** A city's analyst's account, of whichever city; any other account is none. */
    public Optional<Account> cityAnalyst(String accountId) {
        return byId(accountId).filter(Account::cityAnalyst);
    }

    /** By what a person types as user name: a mobile number (with or without +86) or a login name. */
    public Optional<Account> byLoginOrMobile(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Optional<Account> byLogin = byKey(loginKey(name));
        return byLogin.isPresent() || !MOBILE.matcher(name).matches() ? byLogin : byMobile(name);
    }

    public Optional<Account> byMobile(String mobile) {
        return byKey(mobileKey(RealName.mobile(mobile)));
    }

    private Optional<Account> byKey(String key) {
        Document claim = keys.find(eq("_id", key)).first();
        return claim == null ? Optional.empty() : byId(claim.getString("accountId"));
    }

    public void setPassword(String accountId, String hash, boolean mustChange) {
        accounts.updateOne(eq("_id", accountId), Updates.combine(Updates.set("passwordHash", hash),
                Updates.set("mustChangePassword", mustChange), Updates.set("updatedAt", new Date())));
    }

    public void setStatus(String accountId, AccountStatus status) {
        accounts.updateOne(eq("_id", accountId), Updates.combine(Updates.set("status", status.name()),
                Updates.set("updatedAt", new Date())));
    }

    /**
     * Closes the account and removes everything that names the person: mobile, login name, real name, ID number and
     * password. What stays is the opaque id, the district and the dates (the audit trail refers to the id).
     */
    public void closeAndAnonymise(String accountId) {
        byId(accountId).ifPresent(account -> {
            accounts.updateOne(eq("_id", accountId), Updates.combine(Updates.set("status", AccountStatus.CLOSED.name()),
                    Updates.unset("loginName"), Updates.unset("mobile"), Updates.unset("passwordHash"),
                    Updates.unset("name"), Updates.unset("idNumber"), Updates.set("updatedAt", new Date())));
            if (account.loginName() != null) {
                keys.deleteOne(and(eq("_id", loginKey(account.loginName())), eq("accountId", accountId)));
            }
            if (account.mobile() != null) {
                keys.deleteOne(and(eq("_id", mobileKey(account.mobile())), eq("accountId", accountId)));
            }
        });
    }

    /** A page of the district's accounts, oldest first. */
    public List<Account> page(String districtId, int page, int size) {
        List<Account> items = new ArrayList<>();
        accounts.find(eq("districtId", districtId)).sort(Sorts.ascending("createdAt", "_id"))
                .skip(page * size).limit(size).forEach(document -> items.add(account(document)));
        return items;
    }

    public long count(String districtId) {
        return accounts.countDocuments(eq("districtId", districtId));
    }

    /** A page of the city's analysts, oldest first (they belong to no district, so no district's page has them). */
    public List<Account> cityAnalysts(String cityId, int page, int size) {
        List<Account> items = new ArrayList<>();
        accounts.find(cityAnalystsOf(cityId)).sort(Sorts.ascending("createdAt", "_id"))
                .skip(page * size).limit(size).forEach(document -> items.add(account(document)));
        return items;
    }

    public long countCityAnalysts(String cityId) {
        return accounts.countDocuments(cityAnalystsOf(cityId));
    }

    private static Bson cityAnalystsOf(String cityId) {
        return and(eq("cityId", cityId), eq("staffRole", Role.CITY_ANALYST.name()));
    }

    /** Whether any account answers to the name (the brake logs unknown names hashed). */
    public boolean known(String name) {
        return byLoginOrMobile(name).isPresent();
    }

    static String loginKey(String loginName) {
        return "login:" + loginName;
    }

    static String mobileKey(String mobile) {
        return "mobile:" + RealName.mobile(mobile);
    }

    private static Document document(Account account) {
        Document document = new Document("_id", account.accountId()).append("districtId", account.districtId())
                .append("kind", account.kind().name()).append("status", account.status().name())
                .append("loginName", account.loginName()).append("mobile", account.mobile())
                .append("passwordHash", account.passwordHash())
                .append("staffRole", account.staffRole() == null ? null : account.staffRole().name())
                .append("staffUnit", account.staffUnit()).append("name", account.sealedName())
                .append("idNumber", account.sealedIdNumber())
                .append("mustChangePassword", account.mustChangePassword())
                .append("createdAt", Date.from(account.createdAt())).append("updatedAt", Date.from(account.createdAt()));
        if (account.cityId() != null) {
            document.append("cityId", account.cityId());
        }
        return document;
    }

    private static Account account(Document d) {
        String role = d.getString("staffRole");
        Date created = d.getDate("createdAt");
        return new Account(d.getString("_id"), d.getString("districtId"), AccountKind.valueOf(d.getString("kind")),
                AccountStatus.valueOf(d.getString("status")), d.getString("loginName"), d.getString("mobile"),
                d.getString("passwordHash"), role == null ? null : Role.valueOf(role), d.getString("staffUnit"),
                d.getString("name"), d.getString("idNumber"), Boolean.TRUE.equals(d.getBoolean("mustChangePassword")),
                created == null ? Instant.EPOCH : created.toInstant(), d.getString("cityId"));
    }

    /** For tests and the audit of erasure: the raw stored document (what a store dump would show). */
    public Optional<Document> stored(String accountId) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", accountId)).first());
    }
}
