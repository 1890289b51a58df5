import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.apache.axis.configuration.FileProvider;
import org.apache.axis.transport.http.SimpleAxisServer;

/**
 * The Axis services' shared start: Axis's own HTTP server ({@code SimpleAxisServer}) on
 * 127.0.0.1 at a free port, configured by a WSDD file; it prints {@code {"port": N}} first and
 * serves until the test closes the standard input.
 */
final class AxisServing {
    private AxisServing() {}

    /** Serves the services the WSDD file {@code wsdd} deploys until standard input closes. */
    static void serveUntilInputCloses(String wsdd) throws Exception {
        SimpleAxisServer server = new SimpleAxisServer();
        // Read when the engine starts, below; closed with the process.
        InputStream config = new FileInputStream(wsdd);
        server.setMyConfig(new FileProvider(config));
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        server.setServerSocket(socket);
        server.getAxisServer();
        server.start(true);
        System.out.println("{\"port\": " + socket.getLocalPort() + "}");
        System.out.flush();
        while (System.in.read() >= 0) {
            continue;
        }
        server.stop();
        System.exit(0);
    }
}
