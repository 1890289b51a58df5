// Mono's WCF client (ChannelFactory<IShelf> with BasicHttpBinding, the hand-written contract of
// the corpus's library/bare.wsdl in WcfShelfContract.cs) calling the endpoint given as the only
// argument, the calls of AsmxShelfClient.cs. What it decoded of each answer is printed as one
// JSON array, an item per call: {"op", "body"}; a SOAP fault as {"op", "fault": {"code",
// "string", "typed", "detail"}}, "typed" saying whether WCF made it a FaultException<Refusal>.
// The Rust test (tests/corpus/tests/oracle_mono.rs) checks both sides.
using System;
using System.Collections.Generic;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Xml;
using WcfBare;

public static class WcfShelfClient
{
    public static int Main(string[] args)
    {
        var binding = new BasicHttpBinding { SendTimeout = TimeSpan.FromSeconds(60) };
        var factory = new ChannelFactory<IShelf>(binding, new EndpointAddress(args[0]));
        IShelf shelf = factory.CreateChannel();
        Book[] books = {
            new Book { title = "\u00dcn\u00efcode & <tags>", genre = Genre.fiction, pages = 412,
                       isbn = "978-0", subtitle = null, tag = new[] { "classic", "sand" } },
            new Book { title = "Odes", genre = Genre.poetry, pages = 90, subtitle = "and more" },
        };
        var results = new List<object>();
        results.Add(Call("shelve", () => shelf.shelve(new ShelveRequest { book = books[0] }).size));
        results.Add(Call("shelve", () => shelf.shelve(new ShelveRequest { book = books[1] }).size));
        var blank = new Book { title = "blank", genre = Genre.fiction, pages = 0 };
        results.Add(Call("shelve", () => shelf.shelve(new ShelveRequest { book = blank }).size));
        results.Add(Call("lookup", () => Describe(shelf.lookup(new LookupRequest { query = "Dune <&>" }).books)));
        results.Add(Call("lookup", () => Describe(shelf.lookup(new LookupRequest { query = "none" }).books)));
        results.Add(Call("donate", () => { shelf.donate(new DonateRequest { donation = books[0] }); return null; }));
        results.Add(Call("clear", () => { shelf.clear(new ClearRequest { clearance = "top <&>" }); return null; }));
        ((IClientChannel)shelf).Close();
        Console.Out.Write(Json.Value(results));
        return 0;
    }

    /// <summary>A list of books as JSON: its books, null for no list at all.</summary>
    static object Describe(BookList books)
    {
        if (books == null) return null;
        var described = new List<object>();
        foreach (Book book in books.book ?? new Book[0]) described.Add(Json.Reflect(book));
        return described;
    }

    /// <summary>Runs a call: its answer, or the SOAP fault it met, as JSON.</summary>
    static Json.Raw Call(string op, Func<object> call)
    {
        try
        {
            return Json.Object("op", op, "body", call());
        }
        catch (FaultException<Refusal> fault)
        {
            return Json.Object("op", op, "fault", Json.Object(
                "code", fault.Code.Name, "string", fault.Reason.ToString(), "typed", true,
                "detail", Json.Object("reason", fault.Detail.reason, "code", fault.Detail.code)));
        }
        catch (FaultException fault)
        {
            MessageFault message = fault.CreateMessageFault();
            object detail = null;
            if (message.HasDetail)
            {
                var refusal = new XmlDocument();
                refusal.Load(message.GetReaderAtDetailContents());
                detail = Json.Object("element", refusal.DocumentElement.NamespaceURI + " " + refusal.DocumentElement.LocalName,
                                     "text", refusal.DocumentElement.InnerText);
            }
            return Json.Object("op", op, "fault", Json.Object(
                "code", fault.Code.Name, "string", fault.Reason.ToString(), "typed", false,
                "detail", detail));
        }
    }
}
