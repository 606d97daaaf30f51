package cloud.practice.request.open311.web;

import cloud.practice.request.open311.Open311Fixture;
import cloud.practice.request.open311.Open311Settings;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The setting wins over anything a request says; forwarded prefixes are plain paths or nothing. */
class PublicBaseUrlTest {

    @Test
    void shouldAnnounceTheConfiguredUrlWhateverTheRequestSays() {
        Open311Settings base = Open311Fixture.settings(List.of("cq-jiulongpo"));
        Open311Settings configured = new Open311Settings(base.jurisdictions(), "https://practice.example.org/open311/v2/",
                base.contact(), base.keyService(), base.changeset(), base.endpointType(), base.maxPageSize(),
                base.maxWindow(), base.webhooks(), null, null, null);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/open311/v2/discovery.json");
        request.addHeader("X-Forwarded-Host", "elsewhere.example.org");

        assertThat(new PublicBaseUrl(configured).of(request)).isEqualTo("https://practice.example.org/open311/v2");
        assertThat(new PublicBaseUrl(base).of(request)).isEqualTo("http://elsewhere.example.org/open311/v2");
        // the platform's other APIs (a photo's content in media_url) are reached at the same address
        assertThat(new PublicBaseUrl(configured).platform(request)).isEqualTo("https://practice.example.org");
        request.addHeader("X-Forwarded-Prefix", "/city");
        assertThat(new PublicBaseUrl(base).platform(request)).isEqualTo("http://elsewhere.example.org/city");
    }

    @Test
    void shouldTakeOnlyAPlainPathAsAForwardedPrefix() {
        assertThat(PublicBaseUrl.prefix("/city/311/")).isEqualTo("/city/311");
        assertThat(PublicBaseUrl.prefix("/first, /second")).isEqualTo("/first");
        assertThat(PublicBaseUrl.prefix(null)).isEmpty();
        assertThat(PublicBaseUrl.prefix("//evil.example.org")).isEmpty();
        assertThat(PublicBaseUrl.prefix("/a?b")).isEmpty();
        assertThat(PublicBaseUrl.prefix("https://evil.example.org")).isEmpty();
    }
}
