package cloud.practice.support.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The district a request names: read once, checked once, documented as the query parameter it is. */
class DistrictTest {

    final DistrictArgumentResolver resolver = new DistrictArgumentResolver();

    @SuppressWarnings("unused")
    static final class Sample {
        public void scoped(District district, String other) {
        }

        public void unscoped(String other) {
        }
    }

    @Test
    void shouldResolveTheDistrictTheRequestNames() throws Exception {
        assertThat(resolve("cq-jiulongpo")).isEqualTo(new District("cq-jiulongpo"));
        assertThat(resolve("cq-jiulongpo").id()).isEqualTo("cq-jiulongpo");
        assertThat(resolver.supportsParameter(parameter("scoped", 0))).isTrue();
        assertThat(resolver.supportsParameter(parameter("scoped", 1))).isFalse();
    }

    @Test
    void shouldRefuseAMissingMalformedOrRepeatedDistrictAsAnInvalidField() {
        for (String[] given : new String[][]{{}, {""}, {"Bad District!"}, {"x"}, {"-leading-dash"},
                {"a".repeat(41)}, {"cq-jiulongpo", "other-district"}}) {
            assertThatThrownBy(() -> resolve(given))
                    .as("district=%s", String.join(",", given))
                    .isInstanceOfSatisfying(ApiException.class, refused -> {
                        assertThat(refused.status().value()).isEqualTo(400);
                        assertThat(refused.type()).isEqualTo("invalid-field");
                        assertThat(refused.properties()).containsEntry("field", "district");
                    });
        }
    }

    @Test
    void shouldDocumentTheParameterWithItsPatternOnlyWhereAMethodTakesADistrict() throws Exception {
        DistrictParameterDocs docs = new DistrictParameterDocs();
        Operation scoped = docs.customize(new Operation().addParametersItem(new Parameter().name("other").in("query")),
                new HandlerMethod(new Sample(), Sample.class.getMethod("scoped", District.class, String.class)));
        assertThat(scoped.getParameters()).extracting(Parameter::getName).containsExactly("district", "other");
        Parameter district = scoped.getParameters().get(0);
        assertThat(district.getIn()).isEqualTo("query");
        assertThat(district.getRequired()).isTrue();
        assertThat(district.getSchema().getPattern()).isEqualTo(ApiFormats.DISTRICT);

        Operation again = docs.customize(scoped,
                new HandlerMethod(new Sample(), Sample.class.getMethod("scoped", District.class, String.class)));
        assertThat(again.getParameters()).extracting(Parameter::getName).containsExactly("district", "other");

        Operation unscoped = docs.customize(new Operation().parameters(new ArrayList<>()),
                new HandlerMethod(new Sample(), Sample.class.getMethod("unscoped", String.class)));
        assertThat(unscoped.getParameters()).isEmpty();
    }

    private District resolve(String... values) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
        if (values.length > 0) {
            request.addParameter("district", values);
        }
        return resolver.resolveArgument(parameter("scoped", 0), null, new ServletWebRequest(request), null);
    }

    private static MethodParameter parameter(String method, int index) throws Exception {
        var found = method.equals("scoped") ? Sample.class.getMethod(method, District.class, String.class)
                : Sample.class.getMethod(method, String.class);
        return new MethodParameter(found, index);
    }
}
