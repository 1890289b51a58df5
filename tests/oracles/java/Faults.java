import javax.xml.soap.Detail;
import javax.xml.soap.SOAPFault;
import javax.xml.ws.soap.SOAPFaultException;

/** A SOAP fault JAX-WS's client received (an undeclared one: a {@link SOAPFaultException}). */
final class Faults {
    private Faults() {}

    /** The fault as JSON: {@code {"code": {"ns", "local"}, "string", "detail"}}. */
    static String json(SOAPFaultException e) {
        SOAPFault fault = e.getFault();
        Detail detail = fault.getDetail();
        return Json.object(
                "code", new Json.Raw(Json.object(
                        "ns", fault.getFaultCodeAsQName().getNamespaceURI(),
                        "local", fault.getFaultCodeAsQName().getLocalPart())),
                "string", fault.getFaultString(),
                "detail", detail == null ? null : detail.getTextContent());
    }
}
