package cloud.practice.volunteer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class VolunteerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VolunteerServiceApplication.class, args);
    }
}
