// The calendar feed read by two iCalendar parsers that nobody on the project
// wrote: ical.js (the parser Thunderbird uses, from npm) and Debian's
// python3-icalendar. The newcomer RSVPs to events whose SUMMARY lines are
// every length from 60 to 160 octets, in ASCII and in multi-byte UTF-8, so
// every way RFC 5545 section 3.1 folding can fall is in the feed; both
// parsers must give back every UID and title exactly, and the start times
// through the feed's VTIMEZONE.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {after, before, test} from 'node:test';
import ICAL from 'ical.js';
import {callAs, startWelkomd} from './harness.mjs';

// Debian's interpreter, where python3-icalendar is installed (not a
// python3 of pyenv or a virtualenv earlier on the PATH).
const PYTHON = process.env.DEBIAN_PYTHON3 || '/usr/bin/python3';

let server;
const created = new Map();  // UID -> {title, start, end}
let feed = '';

// A title that makes `SUMMARY:<title>` exactly `octets` long, built from
// `unit` (ASCII in front shifts the characters across the fold points).
function titleFor(octets, unit) {
  const width = Buffer.byteLength(unit);
  const room = octets - 'SUMMARY:'.length;
  let title = 'x'.repeat(room % width);
  while (Buffer.byteLength(title) < room) title += unit;
  return title;
}

before(async () => {
  server = await startWelkomd();
  const advisor = server.account('advisor');
  const newcomer = server.account('newcomer');
  advisor.token = (await callAs(server, null, 'IdentityService/Login',
      {email: advisor.email, password: advisor.password})).session.token;
  newcomer.token = (await callAs(server, null, 'IdentityService/Login',
      {email: newcomer.email, password: newcomer.password})).session.token;
  const base = Math.floor(Date.now() / 1000 / 3600) * 3600 + 7 * 86400;
  let n = 0;
  for (let octets = 60; octets <= 160; octets++) {
    for (const unit of ['a', 'ë€😀']) {
      const title = titleFor(octets, unit);
      const start = base + n++ * 3600;
      const {event} = await callAs(server, advisor, 'EventService/CreateEvent', {
        event: {
          title: {en: title, nl: title},
          startTime: new Date(start * 1000).toISOString(),
          endTime: new Date((start + 5400) * 1000).toISOString(),
          venue: 'Het Rozendaal, Enschede', municipality: 'enschede',
          capacity: 10, audience: 'EVENT_AUDIENCE_EVERYONE',
        },
      });
      await callAs(server, newcomer, 'EventService/CreateRsvp', {eventId: event.id});
      created.set(`event-${event.id}@welkom`, {title, start, end: start + 5400});
    }
  }
  const {path} = await callAs(server, newcomer, 'CalendarService/RenewCalendarFeed', {});
  const res = await fetch(`${server.url}${path}`);
  assert.equal(res.status, 200);
  feed = await res.text();
});

after(async () => { await server?.stop(); });

test('every physical line is at most 75 octets and ends in CRLF', () => {
  assert.ok(feed.endsWith('\r\n'));
  const lines = feed.slice(0, -2).split('\r\n');
  for (const line of lines) {
    assert.ok(Buffer.byteLength(line) <= 75, `too long: ${JSON.stringify(line)}`);
    assert.ok(!/[\r\n]/.test(line), `bare CR or LF in ${JSON.stringify(line)}`);
  }
});

test('ical.js reads every UID, title and start time back exactly', () => {
  const calendar = new ICAL.Component(ICAL.parse(feed));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  assert.ok(vtimezone, 'the feed carries a VTIMEZONE');
  ICAL.TimezoneService.register(vtimezone);
  const seen = new Set();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const want = created.get(event.uid);
    if (!want) continue;  // the demo's own RSVPs, if any
    assert.match(event.uid, /^event-[A-Za-z0-9_-]+@welkom$/);
    assert.equal(event.summary, want.title, `summary of ${event.uid}`);
    assert.equal(event.startDate.toUnixTime(), want.start, `start of ${event.uid}`);
    assert.equal(event.endDate.toUnixTime(), want.end, `end of ${event.uid}`);
    seen.add(event.uid);
  }
  assert.equal(seen.size, created.size);
});

test("Debian's python3-icalendar reads every UID, title and time back exactly", () => {
  const events = JSON.parse(execFileSync(PYTHON, ['ics_events.py'], {input: feed}));
  const seen = new Set();
  for (const e of events) {
    const want = created.get(e.uid);
    if (!want) continue;
    assert.equal(e.summary, want.title, `summary of ${e.uid}`);
    assert.equal(e.start, want.start, `start of ${e.uid}`);
    assert.equal(e.end, want.end, `end of ${e.uid}`);
    seen.add(e.uid);
  }
  assert.equal(seen.size, created.size);
});
