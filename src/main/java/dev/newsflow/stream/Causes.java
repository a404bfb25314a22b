package dev.newsflow.stream;

/** Reading a failure's chain of causes for one-line reports. */
public final class Causes {
    private Causes() {
    }

    /** The innermost cause, named even when it has no message (a refused connection often has none). */
    public static String innermost(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    public static boolean include(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
