-- wrk script of bench/load.sh: POSTs the RefreshFolder request (the file named by the
-- environment variable LOAD_REQUEST, written by `load request FILE`) on every connection.
local file = assert(io.open(os.getenv("LOAD_REQUEST"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "text/xml; charset=utf-8"
wrk.headers["SOAPAction"] = '"http://www.superoffice.net/ws/crm/NetServer/Services82/EMail/RefreshFolder"'
