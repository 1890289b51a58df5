// Mono's ASMX client (a SoapHttpClientProtocol proxy made by `wsdl` from the project's
// wsdl/services82/EMail.wsdl, namespace EMail; XmlSerializer; the SOAP headers as SoapHeader
// members of the proxy) calling the endpoint given as the only argument. Each call sends the
// three request headers; what Mono decoded of each answer is printed as one JSON array, an
// item per call: {"op", "body", "headers"}, or {"op", "fault": {"code", "string"}} for a SOAP
// fault. The Rust test (tests/tests/oracle_mono.rs) checks both sides.
using System;
using System.Collections.Generic;
using System.Web.Services.Protocols;
using EMail;

public static class AsmxEMailClient
{
    public static int Main(string[] args)
    {
        var results = new List<object>();
        results.Add(Call(args[0], "RefreshFolder", service =>
        {
            var info = new EMailConnectionInfo
            {
                ServerName = "imap.example.com",
                UserName = "anna@example.com",
                Password = "pa<ss>&\"word\"",
                Folder = "INBOX",
                UseSSL = true,
                UseSSLSpecified = true,
            };
            int response;
            bool responseSpecified;
            service.RefreshFolder(info, new[] { "INBOX", "Sent Items", "\u00c4rchiv & <old>" },
                                  out response, out responseSpecified);
            return responseSpecified ? (object)response : null;
        }));
        results.Add(Call(args[0], "GetEMailEnvelopes", service =>
            service.GetEMailEnvelopes(null, new[] { 1, -2, int.MaxValue })));
        results.Add(Call(args[0], "GetFolderList", service =>
            service.GetFolderList(null, true, true)));
        results.Add(Call(args[0], "GetFolderEMailCount", service =>
        {
            int count;
            bool countSpecified;
            service.GetFolderEMailCount(null, false, true, out count, out countSpecified);
            return countSpecified ? (object)count : null;
        }));
        Console.Out.Write(Json.Value(results));
        return 0;
    }

    /// <summary>Runs a call on a fresh proxy with the request headers; a SOAP fault is an
    /// outcome like an answer.</summary>
    static Json.Raw Call(string url, string op, Func<WcfEMailService, object> call)
    {
        var service = new WcfEMailService { Url = url, Timeout = 60000 };
        service.ApplicationToken = new @string { Text = new[] { "app-token \u00dc & <123>" } };
        service.CredentialsValue = new SoCredentials { Ticket = "7T:dGlja2V0==" };
        service.TimeZone = new SoTimeZone
        {
            SoTimeZoneId = 27,
            SoTimeZoneIdSpecified = true,
            SoTimeZoneLocationCode = "NO",
        };
        try
        {
            object body = call(service);
            return Json.Object("op", op, "body", body, "headers", Json.Object(
                "TimeZone", service.TimeZone,
                "ExceptionInfo", service.ExceptionInfo,
                "ExtraInfo", service.ExtraInfo,
                "Succeeded", service.Succeeded == null ? null : string.Concat(service.Succeeded.Text)));
        }
        catch (SoapException fault)
        {
            return Json.Object("op", op, "fault", Json.Object(
                "code", fault.Code.Name, "string", fault.Message, "detail", fault.Detail == null ? null : fault.Detail.OuterXml));
        }
    }
}
