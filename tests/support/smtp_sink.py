#!/usr/bin/python3
"""A real SMTP server for tests: Debian's aiosmtpd on a loopback port.

Each accepted message is written to DIR as NNNNNN.eml (the bytes as
received) and NNNNNN.json, what Python's own e-mail parser (email.policy.
default, so RFC 2047 words are decoded) reads from it: the headers that
matter, the decoded plain-text and HTML parts and their charsets. Files
appear atomically (written, then renamed). A recipient whose address
starts with "reject" is refused with 550, one starting with "later" with
451. The file DIR/ready appears once the server listens.

    smtp_sink.py --port 2525 --dir /tmp/mails
"""
import argparse
import email
import email.policy
import email.utils
import json
import os
import signal
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.lock = threading.Lock()
        self.count = len([n for n in os.listdir(directory) if n.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        if address.startswith("later"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        msg = email.message_from_bytes(data, policy=email.policy.default)
        summary = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg.get("From", "")),
            "to": str(msg.get("To", "")),
            "subject": str(msg.get("Subject", "")),
            "message_id": str(msg.get("Message-ID", "")),
            "date": str(msg.get("Date", "")),
            "list_unsubscribe": str(msg.get("List-Unsubscribe", "")),
            "list_unsubscribe_post": str(msg.get("List-Unsubscribe-Post", "")),
            "content_type": msg.get_content_type(),
            "mime_version": str(msg.get("MIME-Version", "")),
        }
        try:
            summary["date_unix"] = email.utils.parsedate_to_datetime(
                summary["date"]).timestamp()
        except (TypeError, ValueError):
            summary["date_unix"] = 0
        for kind in ("plain", "html"):
            part = msg.get_body(preferencelist=(kind,))
            if part is not None and part.get_content_type() == "text/" + kind:
                summary[kind] = part.get_content()
                summary[kind + "_charset"] = part.get_content_charset() or ""
        with self.lock:
            self.count += 1
            name = "%06d" % self.count
        for ext, content in ((".eml", data),
                             (".json", json.dumps(summary).encode("utf-8"))):
            path = os.path.join(self.directory, name + ext)
            with open(path + ".tmp", "wb") as f:
                f.write(content)
            os.rename(path + ".tmp", path)
        return "250 OK queued as " + name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    with open(os.path.join(args.dir, "ready.tmp"), "w") as f:
        f.write(str(args.port))
    os.rename(os.path.join(args.dir, "ready.tmp"), os.path.join(args.dir, "ready"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
