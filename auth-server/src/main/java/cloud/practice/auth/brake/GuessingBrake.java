package cloud.practice.auth.brake;

import cloud.practice.auth.AuthSettings;
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.privacy.RealName;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The brake on guessing secrets at the issuer: failures counted per account and per client address, a lockout that
 * grows with every failure past the threshold ({@link Backoff}), a success that resets the account. Every failure,
 * lockout and refusal while locked goes to the {@code audit} logger (addresses masked, unknown account names hashed:
 * people type passwords into the name field) and to the meters {@code practice.auth.failures} and
 * {@code practice.auth.lockouts}.
 *
 * <p>In memory, per instance: with several issuer replicas an attacker spread over them gets each one's allowance
 * (shared state would go to the stored directory of issue 21, or a shared cache keyed the same way).
 */
public final class GuessingBrake {

    /** What is being guessed: a person's password at the login form, or a client secret at the token endpoint. */
    public enum Kind {
        LOGIN("login"), CLIENT("client");

        final String tag;

        Kind(String tag) {
            this.tag = tag;
        }
    }

    static final Logger AUDIT = LoggerFactory.getLogger("audit");

    private record Track(int failures, Instant lastFailure, Instant lockedUntil) {
        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    private final Map<String, Track> tracks = new ConcurrentHashMap<>();
    private final AuthSettings.Brake settings;
    private final Backoff accounts;
    private final Backoff addresses;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Predicate<String> knownUser;
    private final Predicate<String> knownClient;
    private final byte[] addressKey = new byte[32];

    public GuessingBrake(AuthSettings.Brake settings, Clock clock, MeterRegistry meters,
                         Predicate<String> knownUser, Predicate<String> knownClient) {
        this.settings = settings;
        this.accounts = new Backoff(settings.accountFailures(), settings.firstLockout(), settings.maxLockout());
        this.addresses = new Backoff(settings.addressFailures(), settings.firstLockout(), settings.maxLockout());
        this.clock = clock;
        this.meters = meters;
        this.knownUser = knownUser;
        this.knownClient = knownClient;
        new SecureRandom().nextBytes(addressKey);
    }

    /** How much longer the account or the address stays locked; zero when neither is. */
    public Duration lockedFor(Kind kind, String account, String address) {
        Instant now = clock.instant();
        Instant until = latest(lockedUntil(accountKey(kind, account), now), lockedUntil(addressKey(address), now));
        return until == null ? Duration.ZERO : Duration.between(now, until);
    }

    /** An attempt refused without checking its secret, because {@link #lockedFor} was not zero. */
    public void refused(Kind kind, String account, String address, Duration remaining) {
        meters.counter("practice.auth.failures", "kind", kind.tag, "outcome", "locked").increment();
        AUDIT.info("auth-refused-locked kind={} account={} address={} remaining={}s", kind.tag, named(kind, account),
                masked(address), Math.max(1, remaining.toSeconds()));
    }

    /** A wrong secret (or an unknown account): counts against both the account and the address. */
    public void failed(Kind kind, String account, String address) {
        Instant now = clock.instant();
        meters.counter("practice.auth.failures", "kind", kind.tag, "outcome", "bad-credentials").increment();
        AUDIT.info("auth-failure kind={} account={} address={}", kind.tag, named(kind, account), masked(address));
        count(accountKey(kind, account), accounts, now, kind, "account", account, address);
        count(addressKey(address), addresses, now, kind, "address", account, address);
    }

    /** The right secret, not locked: the account starts again from zero (the address does not). */
    public void succeeded(Kind kind, String account) {
        tracks.remove(accountKey(kind, account));
    }

    private void count(String key, Backoff backoff, Instant now, Kind kind, String scope, String account,
                       String address) {
        if (!tracks.containsKey(key) && tracks.size() >= settings.maxTracked()) {
            makeRoom(now);
        }
        Track track = tracks.compute(key, (k, old) -> {
            int failures = old == null || forgotten(old, now) ? 1 : old.failures() + 1;
            Duration lockout = backoff.lockoutAfter(failures);
            return new Track(failures, now, lockout.isZero() ? null : now.plus(lockout));
        });
        if (track.lockedUntil() != null) {
            meters.counter("practice.auth.lockouts", "kind", kind.tag, "scope", scope).increment();
            AUDIT.warn("auth-lockout kind={} scope={} account={} address={} failures={} lockedFor={}s", kind.tag, scope,
                    named(kind, account), masked(address), track.failures(),
                    Duration.between(now, track.lockedUntil()).toSeconds());
        }
    }

    private Instant lockedUntil(String key, Instant now) {
        Track track = tracks.get(key);
        if (track == null) {
            return null;
        }
        if (forgotten(track, now)) {
            tracks.remove(key, track);
            return null;
        }
        return track.lockedAt(now) ? track.lockedUntil() : null;
    }

    private boolean forgotten(Track track, Instant now) {
        return !track.lockedAt(now) && !now.isBefore(track.lastFailure().plus(settings.forgetAfter()));
    }

    /**
     * Full: forget what has run out; if that is not enough, forget every count that does not lock right now (a flood
     * of names must not push out a lockout). Rare and O(n), so the map stays bounded without a cache library.
     */
    private void makeRoom(Instant now) {
        tracks.entrySet().removeIf(entry -> forgotten(entry.getValue(), now));
        if (tracks.size() >= settings.maxTracked()) {
            tracks.entrySet().removeIf(entry -> !entry.getValue().lockedAt(now));
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static String accountKey(Kind kind, String account) {
        return kind.tag + ":" + (account == null ? "" : account);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "unknown" : address);
    }

    /** Known accounts by name; anything else by a hash, since it may be a password typed into the name field. */
    private String named(Kind kind, String account) {
        if (kind == Kind.LOGIN && account != null && account.matches(RealName.PHONE)) {
            // Residents log in with their mobile number: personal data, never written out — masked, and the keyed
            // hash still lets one follow the same number through the log.
            return Masking.phone(RealName.mobile(account)) + "#" + hmac(account);
        }
        boolean known = account != null && (kind == Kind.LOGIN ? knownUser : knownClient).test(account);
        return known ? account : "unknown#" + hmac(account == null ? "" : account);
    }

    /** The network part and a per-instance keyed hash: enough to follow one address, not to name it. */
    String masked(String address) {
        if (address == null) {
            return "unknown";
        }
        String network;
        int lastDot = address.lastIndexOf('.');
        if (address.indexOf(':') < 0 && lastDot > 0) {
            network = address.substring(0, lastDot) + ".0/24";
        } else {
            String[] groups = address.split(":");
            network = groups.length >= 3 ? groups[0] + ":" + groups[1] + ":" + groups[2] + "::/48" : "ipv6";
        }
        return network + "#" + hmac(address);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(addressKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
