// The corpus's library/bare.wsdl as a WCF contract written by hand (Mono's svcutil reads
// WS-MetadataExchange documents and assemblies, not a WSDL file): document/literal bare with
// XmlSerializer (message contracts that are not wrapped, each body one element of
// urn:example:library), the declared fault `refused` as FaultException<Refusal>, a one-way
// operation and an answer without parts. Shared by WcfShelfClient.cs and WcfShelfServer.cs.
using System.Runtime.Serialization;
using System.ServiceModel;
using System.Xml.Serialization;

namespace WcfBare
{
    [XmlType(Namespace = Names.Library)]
    public enum Genre { fiction, science, poetry }

    [XmlType(Namespace = Names.Library)]
    public class Book
    {
        [XmlElement(Order = 1)] public string title;
        [XmlElement(Order = 2)] public Genre genre;
        [XmlElement(Order = 3)] public int pages;
        // minOccurs="0": left out when null.
        [XmlElement(Order = 4)] public string isbn;
        // nillable="true": xsi:nil when null.
        [XmlElement(Order = 5, IsNullable = true)] public string subtitle;
        [XmlElement("tag", Order = 6)] public string[] tag;
    }

    [XmlType(Namespace = Names.Library)]
    public class BookList
    {
        [XmlElement("book")] public Book[] book;
    }

    // Also a data contract of the same shape, a workaround: Mono's WCF writes and reads a
    // fault's detail with the DataContractSerializer whatever [XmlSerializerFormat(SupportFaults
    // = true)] says. Without it the service writes <Refusal xmlns="http://schemas.datacontract
    // .org/2004/07/WcfBare"> with its members in alphabetical order, and the client reads
    // lib:refusal as WCF's ExceptionDetail, failing with a SerializationException ("Expecting
    // element 'ExceptionDetail'") instead of a FaultException<Refusal>.
    [XmlType(Namespace = Names.Library)]
    [XmlRoot("refusal", Namespace = Names.Library)]
    [DataContract(Name = "refusal", Namespace = Names.Library)]
    public class Refusal
    {
        [XmlElement(Order = 1)] [DataMember(Order = 1)] public string reason;
        [XmlElement(Order = 2)] [DataMember(Order = 2)] public int code;
    }

    public static class Names
    {
        public const string Library = "urn:example:library";
        public const string Bare = "urn:example:library:bare";
    }

    // Each body member says its element's namespace twice: Mono's XmlSerializer formatter
    // ignores MessageBodyMember's Namespace (the body elements come out unqualified, and
    // qualified ones are not read), and takes XmlElement's.
    [MessageContract(IsWrapped = false)]
    public class ShelveRequest
    {
        [MessageBodyMember(Name = "book", Namespace = Names.Library)]
        [XmlElement("book", Namespace = Names.Library)] public Book book;
    }

    [MessageContract(IsWrapped = false)]
    public class ShelveResponse
    {
        [MessageBodyMember(Name = "shelfSize", Namespace = Names.Library)]
        [XmlElement("shelfSize", Namespace = Names.Library)] public int size;
    }

    [MessageContract(IsWrapped = false)]
    public class LookupRequest
    {
        [MessageBodyMember(Name = "query", Namespace = Names.Library)]
        [XmlElement("query", Namespace = Names.Library)] public string query;
    }

    [MessageContract(IsWrapped = false)]
    public class LookupResponse
    {
        [MessageBodyMember(Name = "books", Namespace = Names.Library)]
        [XmlElement("books", Namespace = Names.Library)] public BookList books;
    }

    [MessageContract(IsWrapped = false)]
    public class DonateRequest
    {
        [MessageBodyMember(Name = "donation", Namespace = Names.Library)]
        [XmlElement("donation", Namespace = Names.Library)] public Book donation;
    }

    [MessageContract(IsWrapped = false)]
    public class ClearRequest
    {
        [MessageBodyMember(Name = "clearance", Namespace = Names.Library)]
        [XmlElement("clearance", Namespace = Names.Library)] public string clearance;
    }

    [MessageContract(IsWrapped = false)]
    public class ClearResponse
    {
    }

    // XmlSerializerFormat on each operation: Mono ignores it on the contract (and serializes
    // with the DataContractSerializer).
    [ServiceContract(Name = "Shelf", Namespace = Names.Bare)]
    [XmlSerializerFormat(SupportFaults = true)]
    public interface IShelf
    {
        [XmlSerializerFormat(SupportFaults = true)]
        [OperationContract(Action = Names.Bare + "#shelve", ReplyAction = "*")]
        [FaultContract(typeof(Refusal), Name = "refusal", Namespace = Names.Library)]
        ShelveResponse shelve(ShelveRequest request);

        [XmlSerializerFormat(SupportFaults = true)]
        [OperationContract(Action = Names.Bare + "#lookup", ReplyAction = "*")]
        LookupResponse lookup(LookupRequest request);

        [XmlSerializerFormat(SupportFaults = true)]
        [OperationContract(Action = Names.Bare + "#donate", IsOneWay = true)]
        void donate(DonateRequest request);

        [XmlSerializerFormat(SupportFaults = true)]
        [OperationContract(Action = Names.Bare + "#clear", ReplyAction = "*")]
        ClearResponse clear(ClearRequest request);
    }
}
