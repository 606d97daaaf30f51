package cloud.practice.support.security;

import cloud.practice.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    static final Duration SKEW = Duration.ofSeconds(30);
    final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T08:00:00Z"));
    final AtomicInteger verifications = new AtomicInteger();
    /** Stands for the signature and claim checks: "good-…" tokens pass until their expiry (+ skew), others fail. */
    final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        Instant expiry = Instant.parse("2026-12-07T08:05:00Z");
        if (!token.startsWith("good-") || clock.instant().isAfter(expiry.plus(SKEW))) {
            throw new BadJwtException("refused: " + token);
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token).issuedAt(expiry.minusSeconds(300))
                .expiresAt(expiry).build();
    };
    final VerifiedTokens tokens = new VerifiedTokens(verifier, SKEW, clock);

    @Test
    void shouldVerifyATokensTextOnceAndAnswerTheSameTokenAfterwards() {
        Jwt first = tokens.decode("good-a");
        assertThat(tokens.decode("good-a")).isSameAs(first);
        assertThat(tokens.decode("good-a")).isSameAs(first);
        assertThat(verifications).hasValue(1);
        assertThat(tokens.decode("good-b").getSubject()).isEqualTo("good-b");
        assertThat(verifications).as("another text is verified").hasValue(2);
    }

    @Test
    void shouldHandAnExpiredTokenBackToTheVerifierWhichRefusesIt() {
        tokens.decode("good-a");
        clock.advance(Duration.ofMinutes(5).plus(SKEW)); // exactly at expiry + skew: still in force
        assertThat(tokens.decode("good-a").getSubject()).isEqualTo("good-a");
        assertThat(verifications).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> tokens.decode("good-a")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).as("the expired token is no longer kept").isZero();
    }

    @Test
    void shouldNeverKeepATokenTheVerifierRefuses() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void shouldKeepAtMostItsLimitOfTokens() {
        for (int i = 0; i <= VerifiedTokens.LIMIT; i++) {
            tokens.decode("good-" + i);
        }
        assertThat(tokens.size()).isBetween(1, VerifiedTokens.LIMIT);
        assertThat(tokens.decode("good-" + VerifiedTokens.LIMIT).getSubject())
                .isEqualTo("good-" + VerifiedTokens.LIMIT);
        assertThat(verifications).as("the last one was kept").hasValue(VerifiedTokens.LIMIT + 1);
    }
}
