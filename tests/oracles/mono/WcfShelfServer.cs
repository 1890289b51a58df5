// A WCF service (ServiceHost, BasicHttpBinding, self-hosted on 127.0.0.1 at /library/bare) of
// the hand-written contract of the corpus's library/bare.wsdl (WcfShelfContract.cs). It prints
// {"port": N} once it listens, then each request as it decoded it as a JSON line
// ({"op", "body"}), and ends when its standard input closes. Its answers follow the rules of
// tests/corpus/tests/library_peer: shelve answers the book's shelf size (pages x 10000, + 1000
// for a nil subtitle, + 100 for an ISBN, + the number of tags) and refuses a book of no pages
// with the declared fault (FaultException<Refusal>, reason "no pages <&>", code 422); lookup
// answers none for "none", else "QUERY I" and "QUERY II"; donate is one-way; clear answers an
// empty Body. The Rust test (tests/corpus/tests/oracle_mono.rs) checks both sides.
using System;
using System.Net;
using System.Net.Sockets;
using System.ServiceModel;
using WcfBare;

[ServiceBehavior(InstanceContextMode = InstanceContextMode.Single,
                 ConcurrencyMode = ConcurrencyMode.Single, IncludeExceptionDetailInFaults = false)]
public class WcfShelfServer : IShelf
{
    public ShelveResponse shelve(ShelveRequest request)
    {
        Book book = request.book;
        Report("shelve", Describe(book));
        if (book.pages <= 0)
        {
            var refusal = new Refusal { reason = "no pages <&>", code = 422 };
            // Mono writes the detail with the DataContractSerializer (see Refusal), and the
            // sender's code as SOAP 1.2's "Sender", unqualified, in this SOAP 1.1 fault, with
            // an Action header marked mustUnderstand although BasicHttpBinding has no
            // addressing: the test reads the fault as Mono sends it.
            throw new FaultException<Refusal>(refusal, new FaultReason(refusal.reason),
                                              FaultCode.CreateSenderFaultCode(null));
        }
        int tags = book.tag == null ? 0 : book.tag.Length;
        int size = book.pages * 10000 + (book.subtitle == null ? 1000 : 0)
                   + (book.isbn != null ? 100 : 0) + tags;
        return new ShelveResponse { size = size };
    }

    public LookupResponse lookup(LookupRequest request)
    {
        string query = request.query;
        Report("lookup", query);
        var books = new BookList { book = new Book[0] };
        if (query != "none")
        {
            books.book = new[] {
                new Book { title = query + " I", genre = Genre.science, pages = 1,
                           isbn = "isbn 1", subtitle = "first", tag = new[] { "a", "b" } },
                new Book { title = query + " II", genre = Genre.poetry, pages = 2 },
            };
        }
        return new LookupResponse { books = books };
    }

    public void donate(DonateRequest request)
    {
        Report("donate", Describe(request.donation));
    }

    public ClearResponse clear(ClearRequest request)
    {
        Report("clear", request.clearance);
        return new ClearResponse();
    }

    static object Describe(Book book)
    {
        return book == null ? null : Json.Reflect(book);
    }

    static void Report(string op, object body)
    {
        lock (Console.Out)
        {
            Console.Out.WriteLine(Json.Object("op", op, "body", body).Text);
            Console.Out.Flush();
        }
    }

    public static int Main(string[] args)
    {
        // A free port: taken from the system, released, and given to the service.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var host = new ServiceHost(new WcfShelfServer());
        host.AddServiceEndpoint(typeof(IShelf), new BasicHttpBinding(),
                                new Uri("http://127.0.0.1:" + port + "/library/bare"));
        host.Open();
        Console.Out.WriteLine(Json.Object("port", port).Text);
        Console.Out.Flush();
        // Ends when the test closes its standard input.
        Console.In.ReadToEnd();
        host.Close();
        return 0;
    }
}
