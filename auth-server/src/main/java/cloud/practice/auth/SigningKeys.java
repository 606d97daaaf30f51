package cloud.practice.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The RSA key tokens are signed with. Kept in a file when one is configured (so tokens outlive a restart; in
 * Kubernetes mount it from a Secret), generated at start otherwise. The services fetch the public half from the
 * JWKS endpoint and refetch when they meet an unknown key id.
 */
final class SigningKeys {

    private SigningKeys() {
    }

    static JWKSource<SecurityContext> load(String keyFile) {
        return new ImmutableJWKSet<>(new JWKSet(key(keyFile)));
    }

    private static RSAKey key(String keyFile) {
        try {
            if (keyFile == null || keyFile.isBlank()) {
                return generate();
            }
            Path path = Path.of(keyFile);
            if (Files.exists(path)) {
                return RSAKey.parse(Files.readString(path, StandardCharsets.UTF_8));
            }
            RSAKey key = generate();
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's protection has to do
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("signing key file " + keyFile, e);
        } catch (ParseException e) {
            throw new IllegalStateException("signing key file " + keyFile + " is not an RSA JWK", e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
