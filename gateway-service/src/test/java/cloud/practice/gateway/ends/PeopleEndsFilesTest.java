package cloud.practice.gateway.ends;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files are looked up by exact name among those the web module built, never resolved as a path: whatever a
 * request's path decodes or normalises to, it reaches nothing else on the class path (the gateway's own
 * application.yml is one directory up from people-web/ in a resolved path's eyes).
 */
class PeopleEndsFilesTest {

    private final PeopleEndsFiles files = PeopleEndsFiles.load(new DefaultResourceLoader());

    @Test
    void shouldFindThePagesAndEveryBuiltAssetByExactName() {
        assertThat(files.find("").map(PeopleEndsFiles.StaticFile::name)).hasValue("index.html");
        assertThat(files.find("index.html")).isPresent();
        assertThat(files.find("tv.html")).isPresent();
        assertThat(files.find("console.html")).isPresent();
        assertThat(files.paths()).as("the assets of the build")
                .anyMatch(path -> path.startsWith("assets/") && path.endsWith(".js"))
                .anyMatch(path -> path.startsWith("assets/") && path.endsWith(".css"));
    }

    @Test
    void shouldFindNothingOutsideTheBuiltFiles() {
        String asset = files.paths().stream().filter(path -> path.startsWith("assets/")).findFirst().orElseThrow();
        for (String path : List.of("../application.yml", "assets/../../application.yml", "./index.html",
                "assets/../index.html", "assets/", "assets", "%2e%2e/application.yml", "..%2Fapplication.yml",
                "/index.html", "//index.html", "assets//" + asset.substring(7), asset + "/", "application.yml",
                "cloud/practice/gateway/GatewayServiceApplication.class", "META-INF/MANIFEST.MF")) {
            assertThat(files.find(path)).as(path).isEmpty();
        }
    }
}
