package dev.newsflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A TCP forwarder on a fixed loopback port that a test can cut (every connection dropped, new ones
 * refused, as when a service goes down) and restore, to stage an outage of a real service.
 */
public final class CuttableProxy implements AutoCloseable {
    private final int port;
    private final InetSocketAddress target;
    private final Optional<SSLContext> tls;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    /** Connections are taken and held, and nothing is forwarded or answered: a black-holed service. */
    private volatile boolean blackHoled;

    public CuttableProxy(int port, String targetHost, int targetPort) {
        this(port, targetHost, targetPort, Optional.empty());
    }

    /** With a server context: terminates TLS with its certificate, as a load balancer in front of a service. */
    public CuttableProxy(int port, String targetHost, int targetPort, Optional<SSLContext> tls) {
        this.port = port;
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.tls = tls;
    }

    public int port() {
        return port;
    }

    public synchronized void restore() throws IOException {
        if (blackHoled) {
            blackHoled = false;
            dropConnections(); // the held ones go; new ones are forwarded again
        }
        if (listener != null) {
            return;
        }
        ServerSocket server = tls.isPresent() ? tls.get().getServerSocketFactory().createServerSocket() : new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listener = server;
        Thread acceptor = new Thread(() -> accept(server), "proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Existing connections dropped; new ones accepted and held without a byte forwarded or answered,
     * as when a service hangs or a firewall drops its packets. {@link #restore()} ends it.
     */
    public synchronized void blackHole() throws IOException {
        restore();
        blackHoled = true;
        dropConnections();
    }

    public synchronized void cut() throws IOException {
        blackHoled = false;
        if (listener != null) {
            listener.close();
            listener = null;
        }
        dropConnections();
    }

    private void dropConnections() throws IOException {
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (blackHoled) {
                    open.add(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(target, 2_000);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closedOrRefused) {
                // cut: the listener is closed; or the target refused this one connection
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException closed) {
                // either side went away; closing both ends the other pump too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
