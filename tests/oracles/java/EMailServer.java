import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.jws.WebService;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.ws.Endpoint;
import javax.xml.ws.Holder;
import javax.xml.ws.soap.MTOMFeature;

import com.sun.net.httpserver.HttpServer;
import com.sun.xml.ws.server.sei.TieHandler;

import email.ArrayOfEMailAddress;
import email.ArrayOfEMailEnvelope;
import email.ArrayOfint;
import email.EMailAddress;
import email.EMailAttachment;
import email.EMailConnectionInfo;
import email.EMailEntity;
import email.EMailEnvelope;
import email.EMailPriority;
import email.EMailSOInfo;
import email.ObjectFactory;
import email.SoCredentials;
import email.SoExceptionInfo;
import email.SoExtraInfo;
import email.SoTimeZone;
import email.WcfEMailService_BasicHttpBinding_EMailImpl;

/**
 * A JAX-WS service of EMail.wsdl, published at the path given as the first argument on
 * 127.0.0.1 (a free port), with MTOM when the second is {@code mtom}. It extends the skeleton
 * wsimport made of the port type ({@code -generateJWS}: every operation answers nothing) with
 * the operations the Rust test calls. It prints {@code {"port": N}} once it listens, then each request as JAX-WS decoded it,
 * a JSON line {@code {"op", "body", "headers"}}; it answers canned values (SaveEMail: the e-mail
 * it was sent), throws an exception for GetFolderList, and answers NetServer's failure headers
 * for GetFolderEMailCount; it ends when its standard input closes.
 */
@WebService(
        endpointInterface = "email.EMail",
        targetNamespace = "http://www.superoffice.net/ws/crm/NetServer/Services82",
        serviceName = "WcfEMailService",
        portName = "BasicHttpBinding_EMail")
public final class EMailServer extends WcfEMailService_BasicHttpBinding_EMailImpl {
    private static final ObjectFactory FACTORY = new ObjectFactory();

    /** JAX-WS logs the exception GetFolderList throws on purpose (SEVERE): not here. */
    private static final Logger TIE_LOG = Logger.getLogger(TieHandler.class.getName());

    public static void main(String[] args) throws IOException {
        TIE_LOG.setLevel(Level.OFF);
        HttpServer http = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // With a second argument `mtom`, answers are MTOM, binary values of 1 KiB or more in
        // parts of their own (MTOM requests are read either way).
        Endpoint endpoint = args.length > 1 && args[1].equals("mtom")
                ? Endpoint.create(new EMailServer(), new MTOMFeature(true, 1024))
                : Endpoint.create(new EMailServer());
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

    /** Reports a request: its body's parameters (names and values) and its three headers. */
    private static void request(String op, String applicationToken, SoCredentials credentials,
            Holder<SoTimeZone> timeZone, Object... body) {
        report(Json.object(
                "op", op,
                "body", new Json.Raw(Json.object(body)),
                "headers", new Json.Raw(Json.object(
                        "ApplicationToken", applicationToken,
                        "Credentials", credentials,
                        "TimeZone", timeZone))));
    }

    /** Success, and a time zone, in the answer's headers. */
    private static void succeeded(Holder<SoTimeZone> timeZone, Holder<Boolean> succeeded) {
        SoTimeZone zone = new SoTimeZone();
        zone.setSoTimeZoneId(28);
        zone.setSoTimeZoneLocationCode(FACTORY.createSoTimeZoneSoTimeZoneLocationCode("SE"));
        timeZone.value = zone;
        succeeded.value = true;
    }

    @Override
    public Integer refreshFolder(EMailConnectionInfo connectionInfo, email.ArrayOfstring folders,
            String applicationToken, SoCredentials credentials, Holder<SoTimeZone> timeZone,
            Holder<SoExceptionInfo> exceptionInfo, Holder<SoExtraInfo> extraInfo,
            Holder<Boolean> succeeded) {
        request("RefreshFolder", applicationToken, credentials, timeZone,
                "ConnectionInfo", connectionInfo, "Folders", folders);
        succeeded(timeZone, succeeded);
        return 4711;
    }

    @Override
    public ArrayOfEMailEnvelope getEMailEnvelopes(EMailConnectionInfo connectionInfo,
            ArrayOfint messageServerIds, String applicationToken, SoCredentials credentials,
            Holder<SoTimeZone> timeZone, Holder<SoExceptionInfo> exceptionInfo,
            Holder<SoExtraInfo> extraInfo, Holder<Boolean> succeeded) {
        request("GetEMailEnvelopes", applicationToken, credentials, timeZone,
                "ConnectionInfo", connectionInfo, "MessageServerIds", messageServerIds);
        EMailEnvelope full = new EMailEnvelope();
        full.setServerId(1);
        full.setMessageId(FACTORY.createEMailEnvelopeMessageId("<id-1@example.com>"));
        full.setSubject(FACTORY.createEMailEnvelopeSubject("Gr\u00fc\u00dfe <& \"quotes\"> ]]>"));
        full.setFrom(FACTORY.createEMailEnvelopeFrom(address("anna", 12)));
        ArrayOfEMailAddress to = new ArrayOfEMailAddress();
        to.getEMailAddress().addAll(Arrays.asList(address("bob", 13), address("carol", 14)));
        full.setTo(FACTORY.createEMailEnvelopeTo(to));
        try {
            full.setSent(DatatypeFactory.newInstance()
                    .newXMLGregorianCalendar("2024-02-29T23:59:59.1234567+05:30"));
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
        full.setPriority(EMailPriority.HIGH);
        full.getFlags().addAll(Arrays.asList("Seen", "Flagged"));
        full.setSize(123_456);
        EMailSOInfo info = new EMailSOInfo();
        info.setDocumentId(5);
        info.setArchived(false);
        full.setEMailSOInfo(FACTORY.createEMailEnvelopeEMailSOInfo(info));

        EMailEnvelope sparse = new EMailEnvelope();
        sparse.setServerId(-2);
        sparse.setSubject(FACTORY.createEMailEnvelopeSubject(""));
        ArrayOfEMailAddress one = new ArrayOfEMailAddress();
        one.getEMailAddress().add(address("dave", 15));
        sparse.setTo(FACTORY.createEMailEnvelopeTo(one));
        sparse.setPriority(EMailPriority.LOWEST);

        ArrayOfEMailEnvelope envelopes = new ArrayOfEMailEnvelope();
        envelopes.getEMailEnvelope().addAll(Arrays.asList(full, sparse));
        succeeded(timeZone, succeeded);
        return envelopes;
    }

    private static EMailAddress address(String name, int id) {
        EMailAddress address = new EMailAddress();
        address.setContactId(id);
        address.setContactName(FACTORY.createEMailAddressContactName("Contoso & Co"));
        address.setPersonId(-id);
        address.setPersonName(FACTORY.createEMailAddressPersonName(name));
        address.setAssociateId(0);
        address.setAddress(FACTORY.createEMailAddressAddress(name + "@example.com"));
        address.setEmailId(Integer.MAX_VALUE);
        return address;
    }

    @Override
    public EMailAttachment getAttachment(EMailConnectionInfo connectionInfo,
            Integer messageServerId, String attachmentId, String applicationToken,
            SoCredentials credentials, Holder<SoTimeZone> timeZone,
            Holder<SoExceptionInfo> exceptionInfo, Holder<SoExtraInfo> extraInfo,
            Holder<Boolean> succeeded) {
        request("GetAttachment", applicationToken, credentials, timeZone,
                "MessageServerId", messageServerId, "AttachmentId", attachmentId);
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff, '<', '&'};
        EMailAttachment attachment = new EMailAttachment();
        attachment.setFilename(FACTORY.createEMailAttachmentFilename("report (1).pdf"));
        attachment.setSize(bytes.length);
        attachment.setStream(FACTORY.createEMailAttachmentStream(bytes));
        return attachment;
    }

    @Override
    public EMailEntity saveEMail(EMailConnectionInfo connectionInfo, EMailEntity email,
            String applicationToken, SoCredentials credentials, Holder<SoTimeZone> timeZone,
            Holder<SoExceptionInfo> exceptionInfo, Holder<SoExtraInfo> extraInfo,
            Holder<Boolean> succeeded) {
        request("SaveEMail", applicationToken, credentials, timeZone, "Email", email);
        return email;
    }

    @Override
    public email.ArrayOfstring getFolderList(EMailConnectionInfo connectionInfo,
            Boolean includeItemCount, String applicationToken, SoCredentials credentials,
            Holder<SoTimeZone> timeZone, Holder<SoExceptionInfo> exceptionInfo,
            Holder<SoExtraInfo> extraInfo, Holder<Boolean> succeeded) {
        request("GetFolderList", applicationToken, credentials, timeZone,
                "IncludeItemCount", includeItemCount);
        throw new IllegalStateException("Mailbox is locked & <unavailable>");
    }

    @Override
    public Integer getFolderEMailCount(EMailConnectionInfo connectionInfo, Boolean onlyUnread,
            String applicationToken, SoCredentials credentials, Holder<SoTimeZone> timeZone,
            Holder<SoExceptionInfo> exceptionInfo, Holder<SoExtraInfo> extraInfo,
            Holder<Boolean> succeeded) {
        request("GetFolderEMailCount", applicationToken, credentials, timeZone,
                "OnlyUnread", onlyUnread);
        SoExceptionInfo inner = new SoExceptionInfo();
        inner.setMessage(FACTORY.createSoExceptionInfoMessage("inner cause"));
        SoExceptionInfo info = new SoExceptionInfo();
        info.setMessage(FACTORY.createSoExceptionInfoMessage("Folder not found: \u00dcnknown"));
        info.setExceptionType(FACTORY.createSoExceptionInfoExceptionType("SoException"));
        info.setInnerException(FACTORY.createSoExceptionInfoInnerException(inner));
        exceptionInfo.value = info;
        succeeded.value = false;
        return 0;
    }
}
