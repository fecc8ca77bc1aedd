package dev.marquee.contracts.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that tests start in processes of their own, which bind them later. A port the kernel hands out
 * for {@code bind(0)} comes from the ephemeral range (32768-60999 on Linux), the one it also gives outgoing
 * connections: between the pick and the process's bind, a connection to PostgreSQL or the broker from a test running
 * alongside may take it. These are picked below that range, where only listeners are.
 */
public final class FreePorts {
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;

    private FreePorts() {
    }

    /** A port below the ephemeral range that nothing listens on now. */
    public static int pick() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
