package cloud.practice.support.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedBodiesTest {

    private static final int CAP = 64;

    @Test
    void shouldReadABodyUpToItsCap() throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
        request.setContent(new byte[CAP]);

        assertThat(BoundedBodies.read(request, CAP, "A push")).hasSize(CAP);
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheCapWithoutReadingAByte() {
        Counting body = new Counting(1_000_000);
        MockHttpServletRequest request = streaming(body);
        request.addHeader("Content-Length", CAP + 1);

        assertThatThrownBy(() -> BoundedBodies.read(request, CAP, "A push")).isInstanceOfSatisfying(ApiException.class,
                refused -> {
                    assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(refused.properties()).containsEntry("field", "body");
                    assertThat(refused.getMessage()).contains("A push is at most 64 bytes");
                });
        assertThat(body.read.get()).isZero();
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheCapHavingReadOneBytePastIt() {
        Counting body = new Counting(1_000_000);

        assertThatThrownBy(() -> BoundedBodies.read(streaming(body), CAP, "A push"))
                .isInstanceOf(ApiException.class);
        assertThat(body.read.get()).isEqualTo(CAP + 1);
    }

    private static MockHttpServletRequest streaming(ServletInputStream body) {
        return new MockHttpServletRequest("POST", "/x") {
            @Override
            public ServletInputStream getInputStream() {
                return body;
            }

            @Override
            public long getContentLengthLong() {
                String declared = getHeader("Content-Length");
                return declared == null ? -1 : Long.parseLong(declared);
            }
        };
    }

    /** An endless-looking body that counts what was read of it. */
    private static final class Counting extends ServletInputStream {
        private final int size;
        final AtomicInteger read = new AtomicInteger();

        Counting(int size) {
            this.size = size;
        }

        @Override
        public int read() {
            return read.get() >= size ? -1 : (read.incrementAndGet() & 0x7f);
        }

        @Override
        public boolean isFinished() {
            return read.get() >= size;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }
}
