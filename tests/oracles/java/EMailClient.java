import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;
import javax.xml.ws.soap.SOAPFaultException;

import email.ArrayOfint;
import email.ArrayOfstring;
import email.EMail;
import email.EMailConnectionInfo;
import email.ObjectFactory;
import email.SoCredentials;
import email.SoExceptionInfo;
import email.SoExtraInfo;
import email.SoTimeZone;
import email.WcfEMailService;

/**
 * JAX-WS's client of EMail.wsdl (wsimport's stubs, with {@code -XadditionalHeaders}, so the
 * SOAP headers are parameters) calling the endpoint given as the only argument. Each call sends
 * the three request headers; what JAX-WS decoded of each answer is printed as one JSON array,
 * an item per call: {@code {"op", "body", "headers"}}, or {@code {"op", "fault"}} for a SOAP
 * fault. The Rust test (tests/tests/oracle_jaxws.rs) checks both: what its server received, and
 * this.
 */
public final class EMailClient {
    private static final ObjectFactory FACTORY = new ObjectFactory();

    private EMailClient() {}

    /** The headers of a call: sent, and (in their holders) as JAX-WS decoded the answer's. */
    private static final class Headers {
        final String applicationToken = "app-token \u00dc & <123>";
        final SoCredentials credentials = new SoCredentials();
        final Holder<SoTimeZone> timeZone = new Holder<>(new SoTimeZone());
        final Holder<SoExceptionInfo> exceptionInfo = new Holder<>();
        final Holder<SoExtraInfo> extraInfo = new Holder<>();
        final Holder<Boolean> succeeded = new Holder<>();

        Headers() {
            credentials.setTicket(FACTORY.createSoCredentialsTicket("7T:dGlja2V0=="));
            timeZone.value.setSoTimeZoneId(27);
            timeZone.value.setSoTimeZoneLocationCode(
                    FACTORY.createSoTimeZoneSoTimeZoneLocationCode("NO"));
        }

        /** The answer's headers as JSON. */
        Json.Raw answered() {
            return new Json.Raw(Json.object(
                    "TimeZone", timeZone.value,
                    "ExceptionInfo", exceptionInfo.value,
                    "ExtraInfo", extraInfo.value,
                    "Succeeded", succeeded.value));
        }
    }

    /** One call's outcome as JSON. */
    private interface Call {
        String run(Headers headers);
    }

    public static void main(String[] args) {
        EMail port = new WcfEMailService().getBasicHttpBindingEMail();
        ((BindingProvider) port).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, args[0]);

        List<String> results = new ArrayList<>();
        results.add(call("RefreshFolder", headers -> {
            EMailConnectionInfo info = new EMailConnectionInfo();
            info.setServerName(FACTORY.createEMailConnectionInfoServerName("imap.example.com"));
            info.setUserName(FACTORY.createEMailConnectionInfoUserName("anna@example.com"));
            info.setPassword(FACTORY.createEMailConnectionInfoPassword("pa<ss>&\"word\""));
            info.setFolder(FACTORY.createEMailConnectionInfoFolder("INBOX"));
            info.setUseSSL(true);
            ArrayOfstring folders = new ArrayOfstring();
            folders.getString().addAll(Arrays.asList("INBOX", "Sent Items", "\u00c4rchiv & <old>"));
            return answer(headers, port.refreshFolder(info, folders, headers.applicationToken,
                    headers.credentials, headers.timeZone, headers.exceptionInfo,
                    headers.extraInfo, headers.succeeded));
        }));
        results.add(call("GetEMailEnvelopes", headers -> {
            ArrayOfint ids = new ArrayOfint();
            ids.getInt().addAll(Arrays.asList(1, -2, Integer.MAX_VALUE));
            return answer(headers, port.getEMailEnvelopes(null, ids, headers.applicationToken,
                    headers.credentials, headers.timeZone, headers.exceptionInfo,
                    headers.extraInfo, headers.succeeded));
        }));
        results.add(call("GetAttachment", headers -> answer(headers,
                port.getAttachment(null, 9, "att-1", headers.applicationToken,
                        headers.credentials, headers.timeZone, headers.exceptionInfo,
                        headers.extraInfo, headers.succeeded))));
        results.add(call("GetFolderList", headers -> answer(headers,
                port.getFolderList(null, true, headers.applicationToken, headers.credentials,
                        headers.timeZone, headers.exceptionInfo, headers.extraInfo,
                        headers.succeeded))));
        results.add(call("GetFolderEMailCount", headers -> answer(headers,
                port.getFolderEMailCount(null, false, headers.applicationToken,
                        headers.credentials, headers.timeZone, headers.exceptionInfo,
                        headers.extraInfo, headers.succeeded))));
        System.out.println("[" + String.join(",\n", results) + "]");
    }

    /** Runs {@code call} with fresh headers; a SOAP fault is an outcome like an answer. */
    private static String call(String op, Call call) {
        try {
            return "{\"op\":\"" + op + "\"," + call.run(new Headers()).substring(1);
        } catch (SOAPFaultException e) {
            return Json.object("op", op, "fault", new Json.Raw(Faults.json(e)));
        }
    }

    private static String answer(Headers headers, Object body) {
        return Json.object("body", body, "headers", headers.answered());
    }
}
