import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.activation.DataHandler;
import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;

import photos.PhotoAlbum;
import photos.PhotoService;
import photos.ScanArchive;
import photos.ScanInfo;

/**
 * JAX-WS's client of the corpus's attachments.wsdl (SOAP with Attachments) calling the album
 * endpoint (first argument) and the archive endpoint (second): wsimport's stubs send the parts
 * bound to mime:content as MIME parts (JAX-WS reads the WSDL's MIME binding at run time) and
 * the swaRef fields as cid: references. What JAX-WS decoded of each answer is printed as one
 * JSON array, an item per call; the Rust test (tests/corpus/tests/oracle_jaxws_swa.rs) checks
 * both sides.
 */
public final class PhotosClient {
    private PhotosClient() {}

    public static void main(String[] args) {
        PhotoService service = new PhotoService();
        PhotoAlbum album = service.getPhotoAlbumPort();
        ((BindingProvider) album).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0]);
        ScanArchive archive = service.getScanArchivePort();
        ((BindingProvider) archive).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[1]);

        List<String> results = new ArrayList<>();
        Holder<String> title = new Holder<>("sunset <&>");
        Holder<byte[]> photo = new Holder<>(Attachments.payload(3000));
        album.echoPhoto(title, photo);
        results.add(Json.object("op", "EchoPhoto", "title", title, "photo", photo));

        int size = album.uploadReport("q3", "all well".getBytes(StandardCharsets.UTF_8));
        results.add(Json.object("op", "UploadReport", "size", size));

        ScanInfo info = new ScanInfo();
        info.setOwner("ada");
        info.setPages(2);
        Object receipt = archive.storeScan(info, Attachments.payload(500));
        results.add(Json.object("op", "StoreScan", "body", receipt));

        DataHandler archived = archive.archive(
                "letters",
                Attachments.of("%PDF-1.4 one".getBytes(StandardCharsets.US_ASCII), "application/pdf"),
                Attachments.of(" and two".getBytes(StandardCharsets.US_ASCII), "text/plain"));
        results.add(Json.object("op", "Archive", "receipt", Attachments.json(archived)));
        System.out.println("[" + String.join(",\n", results) + "]");
    }
}
