package cloud.practice.support.web;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A store that cannot be reached is the caller's cue to retry (503 with Retry-After), not a server bug (500). */
class StoreUnavailableProblemTest {

    final ProblemHandling handling = new ProblemHandling();

    @Test
    void shouldAnswer503WithRetryAfterWhenTheStoreIsUnreachableHoweverWrapped() {
        MongoTimeoutException timeout = new MongoTimeoutException("Timed out while waiting for a server");
        for (Exception failure : new Exception[]{timeout,
                new DataAccessResourceFailureException("translated", timeout),
                new CommandExecutionException("command failed", new IllegalStateException("append", timeout)),
                new MongoSocketReadException("reset", new ServerAddress("127.0.0.1", 1))}) {
            ResponseEntity<Object> answer = handling.unexpected(failure);
            assertThat(answer.getStatusCode().value()).as(failure.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(((ProblemDetail) answer.getBody()).getType().toString()).endsWith("/store-unavailable");
        }
    }

    @Test
    void shouldStillAnswer500ForAnythingElse() {
        ResponseEntity<Object> answer = handling.unexpected(new IllegalStateException("a bug"));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
    }
}
