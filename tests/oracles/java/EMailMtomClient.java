import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;
import javax.xml.ws.handler.MessageContext;
import javax.xml.ws.soap.MTOMFeature;

import email.ArrayOfEMailAttachment;
import email.EMail;
import email.EMailAttachment;
import email.EMailEntity;
import email.ObjectFactory;
import email.SoExceptionInfo;
import email.SoExtraInfo;
import email.SoTimeZone;
import email.WcfEMailService;

/**
 * JAX-WS's client of EMail.wsdl with MTOM ({@link MTOMFeature}: every request
 * {@code multipart/related}, binary values of 1 KiB or more in parts of their own) calling the
 * endpoint given as the first argument: SaveEMail with an attachment of the bytes 0..255 (with CR LF and "--uu" at 100)
 * repeated to 4 KiB, then GetAttachment of the attachment {@code large}. Printed: a JSON array,
 * per call {@code {"op", "body", "contentType"}}, the last being the answer's HTTP content type.
 */
public final class EMailMtomClient {
    private static final ObjectFactory FACTORY = new ObjectFactory();

    private EMailMtomClient() {}

    public static void main(String[] args) {
        EMail port = new WcfEMailService().getBasicHttpBindingEMail(new MTOMFeature(true, 1024));
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0]);

        byte[] large = new byte[4096];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        // CR LF and a MIME boundary's start among them, as the Rust side's `large()` has.
        byte[] boundary = "\r\n--uu".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(boundary, 0, large, 100, boundary.length);
        EMailAttachment attachment = new EMailAttachment();
        attachment.setFilename(FACTORY.createEMailAttachmentFilename("blob.bin"));
        attachment.setSize(large.length);
        attachment.setStream(FACTORY.createEMailAttachmentStream(large));
        ArrayOfEMailAttachment attachments = new ArrayOfEMailAttachment();
        attachments.getEMailAttachment().add(attachment);
        EMailEntity email = new EMailEntity();
        email.setSubject(FACTORY.createEMailEntitySubject("with an attachment"));
        email.setAttachments(FACTORY.createEMailEntityAttachments(attachments));

        List<String> results = new ArrayList<>();
        EMailEntity saved = port.saveEMail(null, email, null, null, new Holder<SoTimeZone>(),
                new Holder<SoExceptionInfo>(), new Holder<SoExtraInfo>(), new Holder<Boolean>());
        results.add(Json.object("op", "SaveEMail", "body", saved, "contentType", contentType(port)));
        EMailAttachment fetched = port.getAttachment(null, 1, "large", null, null,
                new Holder<SoTimeZone>(), new Holder<SoExceptionInfo>(),
                new Holder<SoExtraInfo>(), new Holder<Boolean>());
        results.add(Json.object(
                "op", "GetAttachment", "body", fetched, "contentType", contentType(port)));
        System.out.println("[" + String.join(",\n", results) + "]");
    }

    /** The last answer's HTTP content type. */
    private static String contentType(EMail port) {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>)
                ((BindingProvider) port).getResponseContext()
                        .get(MessageContext.HTTP_RESPONSE_HEADERS);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase("content-type")) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
