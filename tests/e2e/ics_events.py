#!/usr/bin/env python3
"""Reads an iCalendar document on stdin with Debian's python3-icalendar and
prints its events as JSON: [{"uid", "summary", "start", "end"}], the times
as Unix seconds. Used by calendar_feed.test.mjs, so a second parser that
nobody on the project wrote checks the feed."""
import json
import sys

import icalendar

calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = []
for event in calendar.walk('VEVENT'):
    def seconds(name):
        value = event.decoded(name)
        return int(value.timestamp()) if hasattr(value, 'hour') else value.isoformat()
    events.append({
        'uid': str(event.get('UID')),
        'summary': str(event.get('SUMMARY')),
        'start': seconds('DTSTART'),
        'end': seconds('DTEND'),
    })
json.dump(events, sys.stdout)
