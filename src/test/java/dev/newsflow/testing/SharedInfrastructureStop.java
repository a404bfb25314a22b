package dev.newsflow.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the broker and registry the integration tests shared, once they have all run. */
public final class SharedInfrastructureStop implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            RealInfrastructure.stopShared();
        } catch (Exception e) {
            throw new IllegalStateException("the shared broker and registry did not stop cleanly", e);
        }
    }
}
