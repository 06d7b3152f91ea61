package dev.dealledger.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * Development keys and tokens for a local run. Never for production: there, tokens come from the organisation's
 * identity provider and the services only hold its public key.
 *
 * <pre>
 *   DevTokens keys  &lt;dir&gt;                          create dir/private.pem and dir/public.pem unless present
 *   DevTokens token &lt;dir&gt; &lt;subject&gt; &lt;role&gt;...     print a token signed with dir/private.pem, valid 12 hours
 *   DevTokens console-link &lt;dir&gt; &lt;subject&gt; &lt;url&gt;  print a link that signs in to the console at url as an
 *                                                 auditor, with a token valid one hour
 * </pre>
 */
public final class DevTokens {

    /** The issuer both services expect in a local run (mp.jwt.verify.issuer's default). */
    public static final String ISSUER = "https://dealledger.dev/local";
    /** The audience the services require unless LEDGER_JWT_AUDIENCE says otherwise. */
    public static final String AUDIENCE = "deal-ledger";
    /**
     * How long a console link's token is valid. The link ends up in a terminal's scrollback and the browser's history,
     * so it is short-lived; the console keeps it in a cookie no longer than that (docs/adr/0006).
     */
    static final Duration CONSOLE_LINK_VALIDITY = Duration.ofHours(1);

    private DevTokens() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("keys")) {
            createKeys(Path.of(args[1]));
        } else if (args.length >= 4 && args[0].equals("token")) {
            Set<String> roles = new LinkedHashSet<>(Arrays.asList(args).subList(3, args.length));
            System.out.println(token(Path.of(args[1]), args[2], roles));
        } else if (args.length == 4 && args[0].equals("console-link")) {
            System.out.println(consoleLink(Path.of(args[1]), args[2], args[3]));
        } else {
            System.err.println("usage: DevTokens keys <dir> | DevTokens token <dir> <subject> <role>..."
                    + " | DevTokens console-link <dir> <subject> <url>");
            System.exit(64);
        }
    }

    static void createKeys(Path dir) throws Exception {
        Path privateKey = dir.resolve("private.pem");
        Path publicKey = dir.resolve("public.pem");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return;
        }
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system; the file stays in the git-ignored data folder either way
        }
    }

    static String token(Path dir, String subject, Set<String> roles) throws Exception {
        return sign(privateKey(dir), ISSUER, subject, roles, Duration.ofHours(12));
    }

    /** The query service's console sign-in link for an auditor: it trades the token for a cookie and drops it. */
    static String consoleLink(Path dir, String subject, String queryServiceUrl) throws Exception {
        String token = sign(privateKey(dir), ISSUER, subject, Set.of("ledger-auditor"), CONSOLE_LINK_VALIDITY);
        String base = queryServiceUrl.endsWith("/")
                ? queryServiceUrl.substring(0, queryServiceUrl.length() - 1)
                : queryServiceUrl;
        return base + "/console/sign-in?token=" + token;
    }

    private static PrivateKey privateKey(Path dir) throws Exception {
        String pem = Files.readString(dir.resolve("private.pem"))
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    /** An RS256-signed JWT with the claims the services read: iss, aud, sub, groups, iat, exp, jti. */
    static String sign(PrivateKey key, String issuer, String subject, Set<String> roles, Duration validity)
            throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setStringListClaim("groups", List.copyOf(roles));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(validity.toMinutes());
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
