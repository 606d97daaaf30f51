package cloud.practice.support.flow.consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Plays another service that keeps its own copy of hierarchy events. */
@SpringBootApplication
public class ConsumerTestApplication {
}
