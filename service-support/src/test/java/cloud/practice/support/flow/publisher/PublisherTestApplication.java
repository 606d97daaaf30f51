package cloud.practice.support.flow.publisher;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Plays a service that owns an aggregate and publishes its events. */
@SpringBootApplication
public class PublisherTestApplication {
}
