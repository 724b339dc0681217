#!/usr/bin/python3
# A real SMTP server for the send tests (tests/cli/test_cmd_send.sh) and bench/send.sh: aiosmtpd
# (Debian: python3-aiosmtpd) on 127.0.0.1, on a free port the kernel picks. Run with Debian's
# /usr/bin/python3, which has aiosmtpd:
#
#   /usr/bin/python3 smtp_server.py DIR [--refuse ADDR] [--tempfail ADDR] [--drop ADDR]
#                    [--auth USER:PASSWORD] [--starttls CERT KEY | --tls CERT KEY]
#
# When it listens it writes its port to DIR/port. Every message it accepts is DIR/N.eml (the
# bytes as received) with DIR/N.json ({"from", "to", "auth"}); DIR/connections counts the
# connections made. --refuse answers 550 to RCPT TO that address, --tempfail 451, --drop closes
# the connection after the message's data has arrived, before answering it (the mail is not
# kept). --auth requires a login (AUTH PLAIN/LOGIN; also without TLS). It runs until killed.
import argparse
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--refuse", action="append", default=[])
    p.add_argument("--tempfail", action="append", default=[])
    p.add_argument("--drop", action="append", default=[])
    p.add_argument("--auth")
    p.add_argument("--starttls", nargs=2)
    p.add_argument("--tls", nargs=2)
    a = p.parse_args()
    state = {"messages": 0, "connections": 0}

    def tls_context(pair):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(pair[0], pair[1])
        return context

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            if address in a.refuse:
                return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
            if address in a.tempfail:
                return "451 4.3.0 <%s>: Temporary failure, try again later" % address
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 OK"

        async def handle_DATA(self, server, session, envelope):
            if any(r in a.drop for r in envelope.rcpt_tos):
                server.transport.abort()  # gone before the reply: the client never hears 250
                return "250 never heard"
            state["messages"] += 1
            n = state["messages"]
            with open(os.path.join(a.dir, "%d.eml" % n), "wb") as f:
                f.write(envelope.original_content or envelope.content)
            login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
            with open(os.path.join(a.dir, "%d.json" % n), "w") as f:
                json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "auth": login}, f)
            return "250 2.0.0 Ok: queued as HONORAR%d" % n

    def authenticator(server, session, envelope, mechanism, auth_data):
        user, _, password = a.auth.partition(":")
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        # handled=False: aiosmtpd answers 235 or 535 itself; auth_data: kept in the session
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    class CountingSMTP(SMTP):
        def connection_made(self, transport):
            state["connections"] += 1
            with open(os.path.join(a.dir, "connections"), "w") as f:
                f.write("%d\n" % state["connections"])
            super().connection_made(transport)

    def factory():
        kwargs = {"hostname": "honorar-test", "ident": "honorar test SMTP"}
        if a.auth:
            kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
        if a.starttls:
            kwargs.update(tls_context=tls_context(a.starttls), require_starttls=True)
        return CountingSMTP(Handler(), **kwargs)

    async def serve():
        server = await asyncio.get_running_loop().create_server(
            factory, "127.0.0.1", 0, ssl=tls_context(a.tls) if a.tls else None)
        port = server.sockets[0].getsockname()[1]
        tmp = os.path.join(a.dir, "port.tmp")
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, os.path.join(a.dir, "port"))
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    sys.exit(main())
