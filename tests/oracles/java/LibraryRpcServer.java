import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import javax.jws.WebService;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.ws.Endpoint;
import javax.xml.ws.Holder;

import com.sun.net.httpserver.HttpServer;

import librpc.Book;
import librpc.BookList;
import librpc.Genre;
import librpc.Library;
import librpc.Refusal;
import librpc.Refused;
import librpc.TitleList;

/**
 * A JAX-WS service of the corpus's library/rpc.wsdl (rpc/literal), implementing the port type
 * wsimport made, published at the path given as the first argument on 127.0.0.1 (a free port),
 * with the WSDL given as the second as its contract (so that the rpc wrappers are in the
 * soap:body's namespace, which the annotations do not carry). It prints {@code {"port": N}} once
 * it listens, then each request as JAX-WS decoded it, a JSON line {@code {"op", "body"}}; it
 * answers from what it decoded (see each operation) and throws the declared fault; it ends when
 * its standard input closes.
 */
@WebService(
        endpointInterface = "librpc.Library",
        targetNamespace = "urn:example:library:rpc",
        serviceName = "LibraryService",
        portName = "LibraryRpcPort")
public final class LibraryRpcServer implements Library {
    public static void main(String[] args) throws IOException {
        HttpServer http = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Endpoint endpoint = Endpoint.create(new LibraryRpcServer());
        File wsdl = new File(args[1]);
        List<Source> metadata = new ArrayList<>();
        metadata.add(new StreamSource(wsdl));
        metadata.add(new StreamSource(new File(wsdl.getParentFile(), "library.xsd")));
        endpoint.setMetadata(metadata);
        endpoint.publish(http.createContext(args[0]));
        http.start();
        report(Json.object("port", http.getAddress().getPort()));
        while (System.in.read() != -1) {
            // Runs until the test closes standard input.
        }
        endpoint.stop();
        http.stop(0);
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void request(String op, Object body) {
        report(Json.object("op", op, "body", body));
    }

    /**
     * {@code count}: the number of books; {@code titles}: "SHELF:" and each book described
     * (title/genre/pages/isbn or -/subtitle or nil/tags joined by commas). Refused for an empty
     * shelf.
     */
    @Override
    public void addBooks(String shelf, BookList books, Holder<Integer> count,
            Holder<TitleList> titles) throws Refused {
        request("addBooks", new Json.Raw(Json.object("shelf", shelf, "books", books)));
        if (shelf.isEmpty()) {
            throw refused("no shelf <&>", 400);
        }
        TitleList list = new TitleList();
        for (Book book : books.getBook()) {
            list.getTitle().add(shelf + ":" + book.getTitle() + "/" + book.getGenre().value()
                    + "/" + book.getPages()
                    + "/" + (book.getIsbn() == null ? "-" : book.getIsbn())
                    + "/" + (book.getSubtitle() == null ? "nil" : book.getSubtitle())
                    + "/" + String.join(",", book.getTag()));
        }
        count.value = books.getBook().size();
        titles.value = list;
    }

    /**
     * The book titled {@code title} of {@code genre}, 321 pages, tagged with its genre and
     * "found <&>"; a poem has an ISBN and a subtitle, the others none (a nil subtitle). Refused
     * for the title "missing".
     */
    @Override
    public Book findBook(String title, Genre genre) throws Refused {
        request("findBook", new Json.Raw(Json.object("title", title, "genre", genre)));
        if (title.equals("missing")) {
            throw refused("not on the shelf <&>", 404);
        }
        Book book = new Book();
        book.setTitle(title);
        book.setGenre(genre);
        book.setPages(321);
        if (genre == Genre.POETRY) {
            book.setIsbn("isbn " + title);
            book.setSubtitle("sub " + title);
        }
        book.getTag().add(genre.value());
        book.getTag().add("found <&>");
        return book;
    }

    @Override
    public void donateBook(Book book) {
        request("donateBook", new Json.Raw(Json.object("book", book)));
    }

    /** An answer without parts. */
    @Override
    public void clearShelf(String shelf) {
        request("clearShelf", new Json.Raw(Json.object("shelf", shelf)));
    }

    private static Refused refused(String reason, int code) {
        Refusal refusal = new Refusal();
        refusal.setReason(reason);
        refusal.setCode(code);
        return new Refused(reason, refusal);
    }
}
