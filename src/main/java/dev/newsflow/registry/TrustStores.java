package dev.newsflow.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS trust for the registry from a file, as a Kubernetes Secret mounts it: PEM certificates (a private
 * CA's ca.crt) or a PKCS12/JKS trust store.
 */
public final class TrustStores {
    private TrustStores() {
    }

    /** An SSL context that trusts exactly the certificates of the file. */
    public static SSLContext sslContext(Path file, String type, String password) {
        try {
            KeyStore store;
            if (type.toUpperCase(Locale.ROOT).equals("PEM")) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(file)) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certificates.isEmpty()) {
                    throw new IllegalArgumentException(file + " holds no PEM certificate");
                }
                int n = 0;
                for (Certificate c : certificates) {
                    store.setCertificateEntry("ca-" + n++, c);
                }
            } else {
                store = KeyStore.getInstance(type);
                try (InputStream in = Files.newInputStream(file)) {
                    store.load(in, password == null ? null : password.toCharArray());
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the registry trust store " + file + " (" + type + "): "
                    + e.getMessage(), e);
        }
    }
}
