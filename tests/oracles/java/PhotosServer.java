import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import javax.activation.DataHandler;
import javax.jws.WebService;
import javax.xml.transform.stream.StreamSource;
import javax.xml.ws.Endpoint;
import javax.xml.ws.Holder;

import com.sun.net.httpserver.HttpServer;

import photos.PhotoAlbum;
import photos.ScanArchive;
import photos.ScanInfo;
import photos.ScanReceipt;

/**
 * JAX-WS services of the corpus's attachments.wsdl (SOAP with Attachments), implementing
 * wsimport's two port types, published on 127.0.0.1 (a free port) at {@code /album} and
 * {@code /archive} with the WSDL given as the only argument as their metadata, so that JAX-WS
 * binds the parts as the WSDL's MIME binding says (attachments, not base64 in the body). It
 * prints {@code {"port": N}} once it listens, then each request as JAX-WS decoded it, a JSON
 * line {@code {"op", ...}}; it ends when its standard input closes.
 */
public final class PhotosServer {
    private PhotosServer() {}

    public static void main(String[] args) throws IOException {
        HttpServer http = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Endpoint album = publish(new Album(), http, "/album", args[0]);
        Endpoint archive = publish(new Archive(), http, "/archive", args[0]);
        http.start();
        report(Json.object("port", http.getAddress().getPort()));
        while (System.in.read() != -1) {
            // Runs until the test closes standard input.
        }
        album.stop();
        archive.stop();
        http.stop(0);
    }

    private static Endpoint publish(Object implementor, HttpServer http, String path, String wsdl) {
        Endpoint endpoint = Endpoint.create(implementor);
        File file = new File(wsdl);
        StreamSource source = new StreamSource(file);
        source.setSystemId(file.toURI().toString());
        endpoint.setMetadata(Collections.singletonList(source));
        endpoint.publish(http.createContext(path));
        return endpoint;
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The rpc/literal port: echoes the photo reversed, sizes the report. */
    @WebService(
            endpointInterface = "photos.PhotoAlbum",
            targetNamespace = "urn:example:photos",
            serviceName = "PhotoService",
            portName = "PhotoAlbumPort")
    public static final class Album implements PhotoAlbum {
        @Override
        public void echoPhoto(Holder<String> title, Holder<byte[]> photo) {
            report(Json.object("op", "EchoPhoto", "title", title, "photo", photo));
            byte[] bytes = photo.value;
            byte[] reversed = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            title.value = title.value + " (reversed)";
            photo.value = reversed;
        }

        @Override
        public int uploadReport(String name, byte[] report) {
            report(Json.object("op", "UploadReport", "name", name, "report", report));
            return report.length + name.length();
        }
    }

    /** The document/literal port: a receipt of the scan, the swaRef documents joined. */
    @WebService(
            endpointInterface = "photos.ScanArchive",
            targetNamespace = "urn:example:photos",
            serviceName = "PhotoService",
            portName = "ScanArchivePort")
    public static final class Archive implements ScanArchive {
        @Override
        public ScanReceipt storeScan(ScanInfo info, byte[] scan) {
            report(Json.object("op", "StoreScan", "info", info, "scan", scan));
            ScanReceipt receipt = new ScanReceipt();
            receipt.setBytes(scan.length * info.getPages());
            receipt.setMediaType("scan of " + info.getOwner());
            return receipt;
        }

        @Override
        public DataHandler archive(String label, DataHandler document, DataHandler extra) {
            report(Json.object("op", "Archive", "label", label,
                    "document", Attachments.json(document), "extra", Attachments.json(extra)));
            return Attachments.of(("receipt for " + label).getBytes(StandardCharsets.UTF_8),
                    "text/plain");
        }
    }
}
