package cloud.practice.hierarchy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class HierarchyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(HierarchyServiceApplication.class, args);
    }
}
