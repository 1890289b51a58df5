import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import javax.jws.WebService;
import javax.xml.ws.Endpoint;

import com.sun.net.httpserver.HttpServer;

import libbare.Book;
import libbare.BookList;
import libbare.Genre;
import libbare.Refusal;
import libbare.Refused;
import libbare.Shelf;

/**
 * A JAX-WS service of the corpus's library/bare.wsdl (document/literal bare), implementing the
 * port type wsimport made, published at the path given as the only argument on 127.0.0.1 (a
 * free port). It prints {@code {"port": N}} once it listens, then each request as JAX-WS decoded
 * it, a JSON line {@code {"op", "body"}}; it answers from what it decoded (see each operation)
 * and throws the declared fault; it ends when its standard input closes.
 */
@WebService(
        endpointInterface = "libbare.Shelf",
        targetNamespace = "urn:example:library:bare",
        serviceName = "ShelfService",
        portName = "ShelfBarePort")
public final class ShelfBareServer implements Shelf {
    public static void main(String[] args) throws IOException {
        HttpServer http = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Endpoint endpoint = Endpoint.create(new ShelfBareServer());
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
     * What it decoded, as a number: pages × 10000, + 1000 for a nil subtitle, + 100 for an
     * ISBN, + the number of tags. Refused for a book of no pages.
     */
    @Override
    public int shelve(Book book) throws Refused {
        request("shelve", book);
        if (book.getPages() <= 0) {
            Refusal refusal = new Refusal();
            refusal.setReason("no pages <&>");
            refusal.setCode(422);
            throw new Refused("no pages <&>", refusal);
        }
        return book.getPages() * 10000
                + (book.getSubtitle() == null ? 1000 : 0)
                + (book.getIsbn() == null ? 0 : 100)
                + book.getTag().size();
    }

    /**
     * Nothing for "none"; else two books titled after the query, "QUERY I" (science, 1 page,
     * an ISBN, a subtitle, tags "a" and "b") and "QUERY II" (poetry, 2 pages, no ISBN, a nil
     * subtitle, no tags).
     */
    @Override
    public BookList lookup(String query) {
        request("lookup", query);
        BookList books = new BookList();
        if (query.equals("none")) {
            return books;
        }
        Book first = new Book();
        first.setTitle(query + " I");
        first.setGenre(Genre.SCIENCE);
        first.setPages(1);
        first.setIsbn("isbn 1");
        first.setSubtitle("first");
        first.getTag().add("a");
        first.getTag().add("b");
        Book second = new Book();
        second.setTitle(query + " II");
        second.setGenre(Genre.POETRY);
        second.setPages(2);
        books.getBook().add(first);
        books.getBook().add(second);
        return books;
    }

    @Override
    public void donate(Book donation) {
        request("donate", donation);
    }

    /** An answer without parts: an empty Body. */
    @Override
    public void clear(String shelf) {
        request("clear", shelf);
    }
}
