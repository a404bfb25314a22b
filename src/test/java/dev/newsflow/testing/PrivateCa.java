package dev.newsflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A private certificate authority made with the JDK's keytool for one test: its certificate as PEM
 * (what a client trusts, as Strimzi's ca.crt), and a server key store (PKCS12) holding a key and a
 * certificate it signed for localhost and 127.0.0.1, with the CA in a trust store for the server's
 * own client connections.
 */
public final class PrivateCa {
    public static final String PASSWORD = "test-store-secret";

    private final Path caPem;
    private final Path serverKeyStore;
    private final Path serverTrustStore;

    private PrivateCa(Path caPem, Path serverKeyStore, Path serverTrustStore) {
        this.caPem = caPem;
        this.serverKeyStore = serverKeyStore;
        this.serverTrustStore = serverTrustStore;
    }

    public static PrivateCa create(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.crt");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path serverPem = dir.resolve("server.crt");
        Path trust = dir.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Newsflow test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storetype", "PKCS12");
        keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", ca.toString(), "-file", caPem.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12");
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", csr.toString(), "-outfile",
                serverPem.toString(), "-rfc", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1");
        keytool("-importcert", "-alias", "ca", "-noprompt", "-file", caPem.toString(), "-keystore", server.toString());
        keytool("-importcert", "-alias", "server", "-file", serverPem.toString(), "-keystore", server.toString());
        keytool("-importcert", "-alias", "ca", "-noprompt", "-file", caPem.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12");
        return new PrivateCa(caPem, server, trust);
    }

    /** A server-side TLS context presenting the signed certificate. */
    public SSLContext serverContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    public Path caPem() {
        return caPem;
    }

    public Path serverKeyStore() {
        return serverKeyStore;
    }

    public Path serverTrustStore() {
        return serverTrustStore;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD));
        Path log = Files.createTempFile("keytool", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + Files.readString(log));
        }
        Files.delete(log);
    }
}
